package io.sluice.core.engine;

import java.util.List;

/**
 * Every instance's counters at one moment, in configuration order: what {@code /api/v1/metrics} and the shutdown
 * summary show.
 *
 * @param inputs  one entry per input instance
 * @param outputs one entry per output instance
 */
public record MetricsSnapshot(List<InstanceSnapshot> inputs, List<InstanceSnapshot> outputs) {

    /** Copies the lists. */
    public MetricsSnapshot {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The input called {@code name}. */
    public InstanceSnapshot input(String name) {
        return inputs.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no input " + name));
    }

    /** The output called {@code name}. */
    public InstanceSnapshot output(String name) {
        return outputs.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no output " + name));
    }
}
