package io.sluice.core.log;

import io.sluice.api.RateLimitedLog;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Logs each kind of line at most once per window. The first line of a kind goes out at once and opens a window;
 * lines of that kind within it are counted, with up to {@value #MAX_SUBJECTS} distinct subjects (peers, files), and
 * when the window ends a timer logs one summary ({@code 12 more: invalid JSON … in the last 10 s, from tcp://…}),
 * so a problem that goes on is never hidden until it happens to recur. Safe to use from any thread.
 */
public final class SuppressingLog implements RateLimitedLog {

    private static final int MAX_SUBJECTS = 5;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "log-summaries");
        t.setDaemon(true);
        return t;
    });

    private final Logger logger;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Wraps {@code logger}, letting one line of each kind through every {@code intervalMillis}. */
    public SuppressingLog(Logger logger, long intervalMillis) {
        this.logger = logger;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void warn(String kind, String subject, String format, Object... args) {
        if (admit(kind, subject, format, args, false)) {
            logger.warn(format, args);
        }
    }

    @Override
    public void error(String kind, String subject, String format, Object... args) {
        if (admit(kind, subject, format, args, true)) {
            logger.error(format, args);
        }
    }

    private boolean admit(String kind, String subject, String format, Object[] args, boolean error) {
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        synchronized (w) {
            if (!w.open) {
                w.open = true;
                w.error = error;
                TIMER.schedule(() -> close(kind, w), intervalMillis, TimeUnit.MILLISECONDS);
                return true;
            }
            w.suppressed++;
            w.lastFormat = format;
            w.lastArgs = args;
            if (subject != null && w.subjects.size() < MAX_SUBJECTS) {
                w.subjects.add(subject);
            } else if (subject != null && !w.subjects.contains(subject)) {
                w.moreSubjects = true;
            }
            return false;
        }
    }

    /** Whether lines of {@code kind} are being held back now (a window is open). */
    boolean limiting(String kind) {
        Window w = windows.get(kind);
        if (w == null) {
            return false;
        }
        synchronized (w) {
            return w.open;
        }
    }

    /** Ends a window: logs the summary of what it held back and keeps limiting while lines keep coming. */
    private void close(String kind, Window w) {
        long count;
        String summary;
        boolean error;
        synchronized (w) {
            count = w.suppressed;
            if (count == 0) {
                w.open = false;
                return;
            }
            String last = MessageFormatter.arrayFormat(w.lastFormat, w.lastArgs).getMessage();
            summary = count + " more like this in the last " + (intervalMillis / 1000) + " s"
                    + (w.subjects.isEmpty() ? "" : ", from " + String.join(", ", w.subjects)
                    + (w.moreSubjects ? " and others" : "")) + "; the last: " + last;
            error = w.error;
            w.suppressed = 0;
            w.subjects.clear();
            w.moreSubjects = false;
            TIMER.schedule(() -> close(kind, w), intervalMillis, TimeUnit.MILLISECONDS);
        }
        if (error) {
            logger.error(summary);
        } else {
            logger.warn(summary);
        }
    }

    private static final class Window {
        boolean open;
        boolean error;
        long suppressed;
        boolean moreSubjects;
        String lastFormat;
        Object[] lastArgs;
        final Set<String> subjects = new LinkedHashSet<>();
    }
}
