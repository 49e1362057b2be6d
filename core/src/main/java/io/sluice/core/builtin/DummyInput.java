package io.sluice.core.builtin;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.support.event.EventBuffer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Emits the dummy record {@code rate} times a second ({@code copies} events each time) from its own thread, until
 * {@code samples} times when set. Events due together go out as one batch of at most about 512 KB. While paused, due events are skipped,
 * not queued, as Fluent Bit's timer-driven inputs do; an input that falls more than a second behind skips ahead.
 */
final class DummyInput implements Input {

    private static final int MAX_EVENTS_PER_BATCH = 10_000;
    private static final int MAX_BATCH_BYTES = 512 * 1024;

    private final InputContext context;
    private final DummyRecord record;
    private final double intervalNanos;
    private final long rate;
    private final int copies;
    private final long samples;
    private final long maxTicksPerBatch;
    private final EventBuffer batch = new EventBuffer(4096);
    private final Object monitor = new Object();
    private boolean paused;
    private boolean rebase;
    private boolean stopping;
    private Thread thread;

    DummyInput(InputContext context, DummyRecord record, long rate, int copies, long samples) {
        this.context = context;
        this.record = record;
        this.rate = rate;
        this.intervalNanos = 1e9 / rate;
        this.copies = copies;
        this.samples = samples;
        int eventsPerBatch = Math.min(MAX_EVENTS_PER_BATCH, MAX_BATCH_BYTES / Math.max(1, record.size()));
        this.maxTicksPerBatch = Math.max(1, eventsPerBatch / copies);
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "input-" + context.instanceName());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long base = System.nanoTime();
        long done = 0;
        long sent = 0;
        while (samples == 0 || sent < samples) {
            synchronized (monitor) {
                while (paused && !stopping) {
                    waitOn(0);
                }
                if (stopping) {
                    return;
                }
                if (rebase) {
                    rebase = false;
                    base = System.nanoTime();
                    done = 0;
                }
            }
            long due = (long) ((System.nanoTime() - base) / intervalNanos);
            if (due - done > rate) {
                done = due - 1;
            }
            long ticks = Math.min(due - done, maxTicksPerBatch);
            if (samples > 0) {
                ticks = Math.min(ticks, samples - sent);
            }
            if (ticks > 0) {
                emit(ticks);
                done += ticks;
                sent += ticks;
                continue;
            }
            long waitNanos = base + (long) ((done + 1) * intervalNanos) - System.nanoTime();
            synchronized (monitor) {
                if (!stopping && !paused && waitNanos > 0) {
                    waitOn(waitNanos);
                }
            }
        }
        context.logger().debug("generated {} samples, done", samples);
    }

    private void emit(long ticks) {
        Instant now = Instant.now();
        for (long t = 0; t < ticks; t++) {
            for (int c = 0; c < copies; c++) {
                record.writeTo(batch, now.getEpochSecond(), now.getNano());
            }
        }
        batch.emitTo(context.emitter());
    }

    private void waitOn(long nanos) {
        try {
            if (nanos == 0) {
                monitor.wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
            }
        } catch (InterruptedException e) {
            stopping = true;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void pause() {
        synchronized (monitor) {
            paused = true;
            monitor.notifyAll();
        }
    }

    @Override
    public void resume() {
        synchronized (monitor) {
            paused = false;
            rebase = true;
            monitor.notifyAll();
        }
    }

    @Override
    public void stop() {
        synchronized (monitor) {
            stopping = true;
            monitor.notifyAll();
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
