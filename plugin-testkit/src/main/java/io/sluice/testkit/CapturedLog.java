package io.sluice.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/** A logger of its own, at DEBUG, whose lines a test reads back (needs logback-classic on the test class path). */
public final class CapturedLog {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** A fresh logger named after {@code instanceName}, apart from every other test's. */
    public CapturedLog(String instanceName) {
        logger = (Logger) LoggerFactory.getLogger("test." + instanceName + "." + IDS.incrementAndGet());
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    /** The logger to hand the plugin. */
    public org.slf4j.Logger logger() {
        return logger;
    }

    /** The formatted messages logged at exactly {@code level}. */
    public List<String> messages(Level level) {
        return List.copyOf(appender.list).stream().filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Every line at {@code level} or above, as {@code "LEVEL message"}. */
    public List<String> atOrAbove(Level level) {
        return List.copyOf(appender.list).stream().filter(e -> e.getLevel().isGreaterOrEqual(level))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
}
