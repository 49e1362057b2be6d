package io.sluice.core.engine;

import java.util.List;

/**
 * Every instance's counters at one moment, in configuration order: what {@code /api/v1/metrics} and the shutdown
 * summary show.
 *
 * @param inputs  one entry per input instance
 * @param filters one entry per filter instance
 * @param outputs one entry per output instance
 */
public record MetricsSnapshot(List<InstanceSnapshot> inputs, List<InstanceSnapshot> filters,
                              List<InstanceSnapshot> outputs) {

    /** Copies the lists. */
    public MetricsSnapshot {
        inputs = List.copyOf(inputs);
        filters = List.copyOf(filters);
        outputs = List.copyOf(outputs);
    }

    /** The input called {@code name}. */
    public InstanceSnapshot input(String name) {
        return inputs.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no input " + name));
    }

    /** The filter called {@code name}. */
    public InstanceSnapshot filter(String name) {
        return filters.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no filter " + name));
    }

    /** The output called {@code name}. */
    public InstanceSnapshot output(String name) {
        return outputs.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no output " + name));
    }
}
