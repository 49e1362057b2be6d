package io.sluice.core.engine;

import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.api.log.RateLimitedLog;
import io.sluice.core.config.OutputDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output instance inside the engine: a queue of tasks shared by its {@code workers} flush threads, each calling
 * {@link Output#flush} with its own index. A slow output only fills its own queue; it never holds up the engine
 * thread, the inputs or another output.
 */
final class OutputLane {

    private static final Logger LOG = LoggerFactory.getLogger("engine");

    private final OutputDefinition definition;
    private final int id;
    private final RouteRule rule;
    private final RetryPolicy retryPolicy;
    private final InstanceMetrics metrics;
    private final RateLimitedLog crashLog = new RateLimitedLog(LOG, 10_000);
    private final LinkedBlockingQueue<RouteTask> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private FlushOutcomes outcomes;
    private Output output;
    private volatile boolean stopping;

    OutputLane(OutputDefinition definition, int id, RouteRule rule, RetryPolicy retryPolicy) {
        this.definition = definition;
        this.id = id;
        this.rule = rule;
        this.retryPolicy = retryPolicy;
        this.metrics = InstanceMetrics.forOutput(definition.instanceName(), definition.plugin().name());
    }

    void attach(Output created, FlushOutcomes flushOutcomes) {
        this.output = created;
        this.outcomes = flushOutcomes;
    }

    /** Starts the flush threads. */
    void startWorkers() {
        int n = workerCount();
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread t = new Thread(() -> work(index), "flush-" + name() + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    int workerCount() {
        return Math.max(1, definition.workers());
    }

    /** Queues a task for the next free worker. */
    void submit(RouteTask task) {
        queue.add(task);
    }

    /** Tasks waiting for a free worker. */
    int queued() {
        return queue.size();
    }

    private void work(int worker) {
        while (!stopping) {
            RouteTask task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                // A plugin may leave its thread interrupted; only the engine's own interrupt ends the worker.
                continue;
            }
            try {
                if (!task.isSettled()) {
                    outcomes.apply(task, flush(task, worker));
                }
            } catch (Throwable e) {
                FatalErrors.rethrowFatal(e);
                crashLog.error("worker-" + name(), "output={} worker {} failed to settle chunk '{}': {}", name(),
                        worker, task.chunk().id(), e.toString());
            }
        }
    }

    private FlushResult flush(RouteTask task, int worker) {
        task.flushing(true);
        try (var swap = definition.plugin().enter()) {
            FlushResult result = output.flush(task.chunk().view(), worker);
            if (result == null) {
                crashLog.error("null-" + name(), "output={} returned no flush result; treated as RETRY", name());
                return FlushResult.RETRY;
            }
            return result;
        } catch (Throwable e) {
            FatalErrors.rethrowFatal(e);
            crashLog.error("crash-" + name(), "output={} failed to flush chunk '{}': {}; treated as RETRY", name(),
                    task.chunk().id(), e.toString());
            return FlushResult.RETRY;
        } finally {
            task.flushing(false);
        }
    }

    /** From now on results schedule no retries and workers end after their current task. */
    void markStopping() {
        stopping = true;
    }

    /** Interrupts the workers of a stopping lane; queued tasks stay unfinished for the engine to count. */
    void interruptWorkers() {
        workers.forEach(Thread::interrupt);
    }

    /** Waits until {@code deadlineNanos} (a {@link System#nanoTime()} value) for every worker to end. */
    boolean awaitWorkers(long deadlineNanos) {
        boolean ended = true;
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended &= !t.isAlive();
        }
        return ended;
    }

    /** Stops the plugin; only once no flush of it is running (Output.stop's contract). */
    void stopPlugin() {
        if (output == null) {
            return;
        }
        try (var swap = definition.plugin().enter()) {
            output.stop();
        } catch (Throwable e) {
            FatalErrors.rethrowFatal(e);
            LOG.error("output={} failed to stop cleanly: {}", name(), e.toString());
        }
    }

    /** Whether the engine is stopping this output: results that arrive now no longer schedule retries. */
    boolean isStopping() {
        return stopping;
    }

    boolean matches(String tag) {
        return rule.matches(tag);
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    InstanceMetrics metrics() {
        return metrics;
    }

    OutputDefinition definition() {
        return definition;
    }

    int id() {
        return id;
    }

    String name() {
        return definition.instanceName();
    }
}
