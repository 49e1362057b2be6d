package io.sluice.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tasks waiting for their retry, timed on the engine thread. When the engine shuts down every waiting task is
 * handed back to its output at once, and later retries wait one unit, as Fluent Bit does while stopping.
 */
final class RetryTimers {

    private final ScheduledExecutorService engineThread;
    private final TimeUnit unit;
    private final Set<RouteTask> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean hurry;

    RetryTimers(ScheduledExecutorService engineThread, TimeUnit unit) {
        this.engineThread = engineThread;
        this.unit = unit;
    }

    /** Hands {@code task} back to its output after {@code wait} units. */
    void schedule(RouteTask task, long wait) {
        waiting.add(task);
        try {
            Future<?> timer = engineThread.schedule(() -> fire(task), wait, unit);
            task.timer(timer);
        } catch (RejectedExecutionException stopped) {
            // The engine thread is gone, so shutdown is past its deadline: handing the task back now would retry it
            // in a tight loop. It stays waiting; shutdown drops and counts it.
            return;
        }
        if (hurry) {
            // hurry() may have run between the caller choosing a normal wait and the add above, missing this task.
            fire(task);
        }
    }

    /** Whether shutdown has begun, when every retry waits one unit. */
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
        List<RouteTask> drained = new ArrayList<>();
        for (RouteTask task : List.copyOf(waiting)) {
            if (waiting.remove(task)) {
                cancel(task);
                drained.add(task);
            }
        }
        return drained;
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
