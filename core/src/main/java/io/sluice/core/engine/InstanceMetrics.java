package io.sluice.core.engine;

import io.sluice.api.PluginMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one input or output instance: the engine's own (Fluent Bit's names, in Fluent Bit's order) and,
 * kept apart so a plugin cannot touch the engine's, the ones its plugin registers through {@link #pluginView()}.
 */
public final class InstanceMetrics {

    private final String name;
    private final String plugin;
    private final Map<String, Count> engine = new LinkedHashMap<>();
    private final Map<String, Count> own = new LinkedHashMap<>();
    private final PluginMetrics view = this::pluginCounter;

    InstanceMetrics(String name, String plugin, String... engineCounters) {
        this.name = name;
        this.plugin = plugin;
        for (String counter : engineCounters) {
            engine.put(counter, new Count());
        }
    }

    /** An input's counters: records and bytes appended. */
    static InstanceMetrics forInput(String name, String plugin) {
        return new InstanceMetrics(name, plugin, "records", "bytes");
    }

    /** A filter's counters, as in Fluent Bit's {@code /api/v1/metrics} (plus {@code errors}: calls that threw). */
    static InstanceMetrics forFilter(String name, String plugin) {
        return new InstanceMetrics(name, plugin, "drop_records", "add_records", "records", "bytes", "drop_bytes",
                "emit_records", "errors");
    }

    /** An output's counters, as in Fluent Bit's {@code /api/v1/metrics}. */
    static InstanceMetrics forOutput(String name, String plugin) {
        return new InstanceMetrics(name, plugin, "proc_records", "proc_bytes", "errors", "retries", "retries_failed",
                "dropped_records", "retried_records");
    }

    /** The instance name. */
    String name() {
        return name;
    }

    /** One of the engine's counters, by name. */
    PluginMetrics.Counter engine(String counter) {
        Count c = engine.get(counter);
        if (c == null) {
            throw new IllegalArgumentException("no engine counter " + counter);
        }
        return c;
    }

    /** What the plugin sees as its {@link PluginMetrics}. */
    PluginMetrics pluginView() {
        return view;
    }

    /** The current values. */
    InstanceSnapshot snapshot() {
        Map<String, Long> engineValues = new LinkedHashMap<>();
        engine.forEach((k, v) -> engineValues.put(k, v.get()));
        Map<String, Long> pluginValues = new LinkedHashMap<>();
        synchronized (own) {
            own.forEach((k, v) -> pluginValues.put(k, v.get()));
        }
        return new InstanceSnapshot(name, plugin, engineValues, pluginValues);
    }

    private PluginMetrics.Counter pluginCounter(String counter, String help) {
        if (engine.containsKey(counter)) {
            throw new IllegalArgumentException("counter '" + counter + "' is one of the engine's own counters of "
                    + name + "; a plugin must name its counters differently");
        }
        synchronized (own) {
            return own.computeIfAbsent(counter, k -> new Count());
        }
    }

    private static final class Count implements PluginMetrics.Counter {
        private final LongAdder adder = new LongAdder();

        @Override
        public void add(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("counters only grow: " + n);
            }
            adder.add(n);
        }

        @Override
        public long get() {
            return adder.sum();
        }
    }
}
