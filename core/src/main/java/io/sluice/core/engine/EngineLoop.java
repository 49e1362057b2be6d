package io.sluice.core.engine;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The engine thread. It alone owns sealed chunks, tasks, retry timers and their outcomes: inputs hand it full chunks,
 * output workers hand it flush results, and it applies them one at a time, as Fluent Bit's engine loop does. It never
 * blocks on I/O and never calls plugin code that may block. Work handed to it after it stopped is dropped (the
 * caller is told), and whoever stopped it owns the state from then on.
 */
final class EngineLoop {

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    EngineLoop() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "engine");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code work} on the engine thread; false when the loop has stopped and it will never run. */
    boolean execute(Runnable work) {
        try {
            executor.execute(work);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /**
     * Runs {@code work} on the engine thread and waits for it (a caller on the engine thread runs it at once); false
     * when the loop has stopped or the wait was interrupted.
     */
    boolean run(Runnable work) {
        if (inLoop()) {
            work.run();
            return true;
        }
        try {
            executor.submit(work).get();
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("engine work failed", e.getCause());
        }
    }

    /** Runs {@code work} after {@code delay}; null when the loop has stopped. */
    ScheduledFuture<?> schedule(Runnable work, long delay, TimeUnit unit) {
        try {
            return executor.schedule(work, delay, unit);
        } catch (RejectedExecutionException stopped) {
            return null;
        }
    }

    /** Runs {@code work} every {@code period}. */
    void every(Runnable work, long period, TimeUnit unit) {
        executor.scheduleAtFixedRate(work, period, period, unit);
    }

    /** Whether the caller is the engine thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Stops taking work, runs what was already handed in (not timers), and waits up to {@code waitMillis} for that.
     * Returns whether the thread has ended: then the caller owns the engine's state.
     */
    boolean stop(long waitMillis) {
        executor.shutdown();
        try {
            return executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops at once, dropping queued work. */
    void stopNow() {
        executor.shutdownNow();
    }
}
