package io.sluice.api.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a kind of message at most once per interval, so a flood of bad input cannot flood the log. The next line of a
 * kind says how many of it were suppressed in between. Safe to use from any thread.
 */
public final class RateLimitedLog {

    private final Logger logger;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Wraps {@code logger}, letting one line of each kind through every {@code intervalMillis}. */
    public RateLimitedLog(Logger logger, long intervalMillis) {
        this.logger = logger;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Logs a warning of kind {@code kind} unless one was logged within the interval. */
    public void warn(String kind, String format, Object... args) {
        String suffix = admit(kind);
        if (suffix != null) {
            logger.warn(format + suffix, args);
        }
    }

    /** Logs an error of kind {@code kind} unless one was logged within the interval. */
    public void error(String kind, String format, Object... args) {
        String suffix = admit(kind);
        if (suffix != null) {
            logger.error(format + suffix, args);
        }
    }

    private String admit(String kind) {
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        long now = System.nanoTime();
        long last = w.lastLogged.get();
        if (last != Long.MIN_VALUE && now - last < intervalNanos) {
            w.suppressed.incrementAndGet();
            return null;
        }
        if (!w.lastLogged.compareAndSet(last, now)) {
            w.suppressed.incrementAndGet();
            return null;
        }
        long suppressed = w.suppressed.getAndSet(0);
        return suppressed == 0 ? "" : " (" + suppressed + " similar messages suppressed)";
    }

    private static final class Window {
        final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }
}
