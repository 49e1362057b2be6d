package io.sluice.core.config;

import java.util.List;

/**
 * A whole validated configuration: service settings and the instances in creation order.
 *
 * @param service the {@code [SERVICE]} settings
 * @param inputs  every input instance
 * @param filters every active filter instance, in chain order
 * @param outputs every output instance
 */
public record PipelineConfig(ServiceSettings service, List<InputDefinition> inputs, List<FilterDefinition> filters,
                             List<OutputDefinition> outputs) {

    /** Copies the lists. */
    public PipelineConfig {
        inputs = List.copyOf(inputs);
        filters = List.copyOf(filters);
        outputs = List.copyOf(outputs);
    }
}
