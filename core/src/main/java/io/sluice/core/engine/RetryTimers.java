package io.sluice.core.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Tasks waiting for their retry, timed on the engine thread, which alone calls these methods. When shutdown begins
 * every waiting task is handed back to its output at once and later retries wait one unit at most (Fluent Bit waits
 * one second while stopping); a retry is never fired early, so an output that fails at once is not retried in a tight
 * loop.
 */
final class RetryTimers {

    private final EngineLoop loop;
    private final TimeUnit unit;
    private final Set<RouteTask> waiting = new LinkedHashSet<>();
    private boolean hurry;

    RetryTimers(EngineLoop loop, TimeUnit unit) {
        this.loop = loop;
        this.unit = unit;
    }

    /** Hands {@code task} back to its output after {@code wait} units. */
    void schedule(RouteTask task, long wait) {
        waiting.add(task);
        // A null timer means the loop has stopped: the task stays waiting and shutdown counts it.
        task.timer(loop.schedule(() -> fire(task), wait, unit));
    }

    /** The wait to use for a retry that would wait {@code wait} units: at most one once shutdown has begun. */
    long adjust(long wait) {
        return hurry ? Math.min(1, wait) : wait;
    }

    /** Whether shutdown has begun. */
    boolean hurrying() {
        return hurry;
    }

    /** Fires every waiting retry now and makes later ones short. */
    void hurry() {
        hurry = true;
        for (RouteTask task : List.copyOf(waiting)) {
            fire(task);
        }
    }

    /** Forgets every waiting task and returns them: the engine is stopping and they will not be sent. */
    List<RouteTask> drain() {
        List<RouteTask> drained = new ArrayList<>(waiting);
        waiting.clear();
        drained.forEach(RetryTimers::cancel);
        return drained;
    }

    /** Takes {@code task} off its timer, if it waits; true when it did. */
    boolean remove(RouteTask task) {
        if (waiting.remove(task)) {
            cancel(task);
            return true;
        }
        return false;
    }

    int size() {
        return waiting.size();
    }

    private void fire(RouteTask task) {
        if (waiting.remove(task)) {
            cancel(task);
            task.output().submit(task);
        }
    }

    private static void cancel(RouteTask task) {
        Future<?> timer = task.timer();
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
