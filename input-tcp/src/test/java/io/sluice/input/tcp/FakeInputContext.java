package io.sluice.input.tcp;

import io.sluice.api.Emitter;
import io.sluice.api.InputContext;
import io.sluice.api.PluginMetrics;
import io.sluice.api.config.PluginConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What core would hand the tcp input: a validated configuration, an emitter, counters and a logger. */
final class FakeInputContext implements InputContext {

    private final PluginConfig config;
    private final Emitter emitter;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    FakeInputContext(Map<String, String> settings, Emitter emitter) {
        this.config = PluginConfig.ofSingle(new TcpInputPlugin().properties(), settings);
        this.emitter = emitter;
    }

    long counter(String name) {
        AtomicLong c = counters.get(name);
        return c == null ? 0 : c.get();
    }

    @Override
    public String tag() {
        return "tcp.0";
    }

    @Override
    public Emitter emitter() {
        return emitter;
    }

    @Override
    public String instanceName() {
        return "tcp.0";
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("input.tcp");
    }

    @Override
    public PluginMetrics metrics() {
        return (name, help) -> {
            AtomicLong value = counters.computeIfAbsent(name, n -> new AtomicLong());
            return new PluginMetrics.Counter() {
                @Override
                public void add(long n) {
                    value.addAndGet(n);
                }

                @Override
                public long get() {
                    return value.get();
                }
            };
        };
    }
}
