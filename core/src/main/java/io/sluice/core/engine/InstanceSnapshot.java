package io.sluice.core.engine;

import java.util.Map;

/**
 * The counters of one instance at one moment.
 *
 * @param name     the instance name (or Alias), e.g. {@code tcp.0}
 * @param plugin   the plugin name, e.g. {@code tcp}
 * @param counters the engine's counters in Fluent Bit's order ({@code records, bytes} for inputs;
 *                 {@code proc_records, proc_bytes, errors, retries, retries_failed, dropped_records,
 *                 retried_records} for outputs)
 * @param pluginCounters counters the plugin registered itself, in registration order
 */
public record InstanceSnapshot(String name, String plugin, Map<String, Long> counters,
                               Map<String, Long> pluginCounters) {

    /** Copies the maps, keeping their order. */
    public InstanceSnapshot {
        counters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
        pluginCounters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pluginCounters));
    }

    /** One engine counter's value, 0 when absent. */
    public long get(String counter) {
        return counters.getOrDefault(counter, 0L);
    }
}
