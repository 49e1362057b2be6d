package io.sluice.filter.basic;

import io.sluice.api.FilterContext;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.api.PluginMetrics;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One throttle instance: a ring of {@code window} panes, each counting the records kept during one interval. A
 * record is dropped when the panes' sum divided by {@code window} has reached {@code rate}; otherwise it is kept and
 * counted in the newest pane. The window moves by one pane per elapsed interval, computed from a monotonic clock
 * when a batch arrives, so no thread is needed; with Print_Status a ticker thread also logs the rate at every
 * interval. All state is this instance's own. Dropped records are counted in {@code throttled_records} and logged
 * (rate-limited), never silently lost.
 */
final class ThrottleFilter extends RecordFilter {

    private final double rate;
    private final int window;
    private final long intervalNanos;
    private final String intervalText;
    private final boolean printStatus;
    private final LongSupplier clock;
    private final Logger logger;
    private final String instanceName;
    private final PluginMetrics.Counter throttled;
    private final long[] panes;
    private final long startNanos;
    private long ticks;
    private int newest;
    private long total;
    private int droppedInBatch;
    private Thread ticker;

    ThrottleFilter(FilterContext context, double rate, int window, long intervalSeconds, String intervalText,
                   boolean printStatus, LongSupplier clock) {
        super(context, true);
        this.rate = rate;
        this.window = window;
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
        this.intervalText = intervalText;
        this.printStatus = printStatus;
        this.clock = clock;
        this.logger = context.logger();
        this.instanceName = context.instanceName();
        this.throttled = context.metrics().counter("throttled_records",
                "records dropped because the rate was over the limit");
        this.panes = new long[window];
        this.startNanos = clock.getAsLong();
    }

    @Override
    public void start() {
        if (!printStatus) {
            return;
        }
        ticker = new Thread(this::tick, "throttle-status-" + instanceName);
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override
    public void stop() {
        Thread t = ticker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
    }

    private void tick() {
        long next = 0;
        while (!Thread.currentThread().isInterrupted()) {
            logStatus();
            next++;
            long wait = startNanos + next * intervalNanos - clock.getAsLong();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Logs the Print_Status line, moving the window first. */
    void logStatus() {
        long current;
        synchronized (this) {
            advance();
            current = total / window;
        }
        logger.info(String.format(Locale.ROOT, "%d: limit is %.2f per %s with window size of %d, current rate is: "
                + "%d per interval", System.currentTimeMillis() / 1000, rate, intervalText, window, current));
    }

    /** Moves the window by one pane per interval elapsed since the last move. */
    private void advance() {
        long now = (clock.getAsLong() - startNanos) / intervalNanos;
        long steps = now - ticks;
        if (steps <= 0) {
            return;
        }
        if (steps >= window) {
            java.util.Arrays.fill(panes, 0);
            total = 0;
            newest = 0;
        } else {
            for (long s = 0; s < steps; s++) {
                newest = newest + 1 == window ? 0 : newest + 1;
                total -= panes[newest];
                panes[newest] = 0;
            }
        }
        ticks = now;
    }

    @Override
    public synchronized FilterResult filter(io.sluice.api.EventBatch batch, FilterSink sink) {
        advance();
        droppedInBatch = 0;
        return super.filter(batch, sink);
    }

    @Override
    void process() {
        if (total / (double) window >= rate) {
            droppedInBatch++;
            out.drop(ev);
        } else {
            panes[newest]++;
            total++;
            out.keep(ev);
        }
    }

    @Override
    FilterResult endBatch(FilterSink sink) {
        if (droppedInBatch > 0) {
            throttled.add(droppedInBatch);
            problems.warn("throttled", tag, "dropped {} records tagged '{}': over the limit of {} per {} averaged "
                    + "over {} intervals", droppedInBatch, tag, rate, intervalText, window);
        }
        return out.finish();
    }
}
