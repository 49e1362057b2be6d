package io.sluice.core.engine;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the formatted messages of some loggers for one test; close it to detach. Shared by core's tests. */
public final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers;

    public LogCapture(String... names) {
        appender.start();
        loggers = java.util.Arrays.stream(names).map(n -> (Logger) LoggerFactory.getLogger(n)).toList();
        loggers.forEach(l -> l.addAppender(appender));
    }

    /** Every message so far, formatted, with its level: {@code "WARN chunk '...' cannot be retried ..."}. */
    public List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    public List<String> containing(String text) {
        return lines().stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        loggers.forEach(l -> l.detachAppender(appender));
        appender.stop();
    }
}
