package io.sluice.input.cpu;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.api.Emitter;
import io.sluice.api.InputContext;
import io.sluice.api.PluginMetrics;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.event.Event;
import io.sluice.api.event.EventDecoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An input context that records emitted events, log lines and counters, standing in for core in tests. */
final class RecordingInputContext implements InputContext {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final PluginConfig config;
    private final ch.qos.logback.classic.Logger logger;
    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();

    RecordingInputContext(Map<String, String> properties) {
        this.config = PluginConfig.ofSingle(new CpuInputPlugin().properties(), properties);
        this.logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("test.cpu." + IDS.incrementAndGet());
        logger.setLevel(Level.DEBUG);
        logLines.start();
        logger.addAppender(logLines);
    }

    @Override
    public String tag() {
        return "cpu";
    }

    @Override
    public Emitter emitter() {
        return (data, offset, length, records) -> {
            List<Event> decoded = EventDecoder.decode(data, offset, length);
            if (decoded.size() != records) {
                throw new AssertionError("emitted " + records + " records but the bytes hold " + decoded.size());
            }
            events.addAll(decoded);
        };
    }

    @Override
    public String instanceName() {
        return "cpu.0";
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public Logger logger() {
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

    List<Event> events() {
        return events;
    }

    /** The body of the only event emitted so far. */
    Map<String, Object> onlyRecord() {
        if (events.size() != 1) {
            throw new AssertionError("expected one record, got " + events.size() + ": " + events);
        }
        return events.get(0).body();
    }

    long counter(String name) {
        AtomicLong value = counters.get(name);
        return value == null ? 0 : value.get();
    }

    /** The formatted log lines at {@code level}. */
    List<String> logLines(Level level) {
        return logLines.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.toList());
    }
}
