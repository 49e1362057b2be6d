package io.sluice.output.websocket;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.api.OutputContext;
import io.sluice.api.PluginMetrics;
import io.sluice.api.config.PluginConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/** An OutputContext as core would hand it, with the plugin's log lines captured for assertions. */
final class TestContext implements OutputContext {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final PluginConfig config;
    private final int workers;
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    TestContext(Map<String, List<String>> settings, int workers) {
        this.config = PluginConfig.of(new WebSocketOutputPlugin().properties(), settings);
        this.workers = workers;
        this.logger = (Logger) LoggerFactory.getLogger("websocket.test." + IDS.incrementAndGet());
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    /** A context of single-valued settings. */
    static TestContext of(Map<String, String> settings, int workers) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        settings.forEach((k, v) -> given.put(k, List.of(v)));
        return new TestContext(given, workers);
    }

    /** Every captured line of {@code level} or above, formatted. */
    List<String> lines(Level level) {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            if (e.getLevel().isGreaterOrEqual(level)) {
                out.add(e.getLevel() + " " + e.getFormattedMessage());
            }
        }
        return out;
    }

    long counter(String name) {
        AtomicLong c = counters.get(name);
        return c == null ? 0 : c.get();
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public String instanceName() {
        return "websocket.0";
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public org.slf4j.Logger logger() {
        return logger;
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
