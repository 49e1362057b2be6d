package io.sluice.testkit;

import io.sluice.api.PluginMetrics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Plugin counters kept in memory as core keeps them (engine names refused), readable by name in assertions. */
public final class CountingMetrics implements PluginMetrics {

    private static final Set<String> ENGINE_NAMES = Set.of("records", "bytes", "proc_records", "proc_bytes", "errors",
            "retries", "retries_failed", "dropped_records", "retried_records");

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String help) {
        if (ENGINE_NAMES.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is an engine counter; plugins cannot register it");
        }
        AtomicLong value = counters.computeIfAbsent(name, n -> new AtomicLong());
        return new Counter() {
            @Override
            public void add(long n) {
                value.addAndGet(n);
            }

            @Override
            public long get() {
                return value.get();
            }
        };
    }

    /** The value of counter {@code name}: 0 if the plugin never registered it. */
    public long value(String name) {
        AtomicLong value = counters.get(name);
        return value == null ? 0 : value.get();
    }
}
