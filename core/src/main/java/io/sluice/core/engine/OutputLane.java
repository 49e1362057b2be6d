package io.sluice.core.engine;

import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.core.log.SuppressingLog;
import io.sluice.core.plugin.PluginFailure;
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
    private volatile RouteRule rule;
    private volatile boolean retiring;
    private final RetryPolicy retryPolicy;
    private final InstanceMetrics metrics;
    private final SuppressingLog crashLog = new SuppressingLog(LOG, 10_000);
    private final LinkedBlockingQueue<RouteTask> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private FlushOutcomes outcomes;
    private EngineLoop loop;
    private Output output;
    private boolean started;
    private final java.util.LinkedHashSet<RouteTask> diskTasks = new java.util.LinkedHashSet<>();
    private final java.util.concurrent.atomic.AtomicLong diskBytes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong evicted = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean overflowing;
    private volatile boolean stopping;

    OutputLane(OutputDefinition definition, int id, RouteRule rule, RetryPolicy retryPolicy) {
        this.definition = definition;
        this.id = id;
        this.rule = rule;
        this.retryPolicy = retryPolicy;
        this.metrics = InstanceMetrics.forOutput(definition.instanceName(), definition.plugin().name());
    }

    void attach(Output created, FlushOutcomes flushOutcomes, EngineLoop engineLoop) {
        this.output = created;
        this.outcomes = flushOutcomes;
        this.loop = engineLoop;
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

    /** A stored chunk's task now queued for this output (engine thread). */
    void queuedOnDisk(RouteTask task, long bytes) {
        diskTasks.add(task);
        diskBytes.addAndGet(bytes);
    }

    /** A stored chunk's task that left this output's queue, delivered or not (engine thread). */
    void leftDisk(RouteTask task, long bytes) {
        if (diskTasks.remove(task)) {
            diskBytes.addAndGet(-bytes);
        }
    }

    /** The stored chunks' tasks queued for this output, oldest first (engine thread). */
    java.util.List<RouteTask> diskTasksOldestFirst() {
        return java.util.List.copyOf(diskTasks);
    }

    /** Bytes of the chunk files queued for this output: what {@code storage.total_limit_size} bounds. */
    long diskBytes() {
        return diskBytes.get();
    }

    /** Whether this output is over its {@code storage.total_limit_size} with {@code storage.overflow_action pause}. */
    boolean overflowing() {
        return overflowing;
    }

    void overflowing(boolean over) {
        overflowing = over;
    }

    /** Counts records dropped for this output to stay under its limit. */
    void countEvicted(long records) {
        evicted.addAndGet(records);
    }

    long evictedRecords() {
        return evicted.get();
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
            if (!task.claim()) {
                continue; // cancelled while queued
            }
            try {
                FlushResult result = flush(task, worker);
                if (!loop.execute(() -> outcomes.apply(task, result))) {
                    // the engine thread has stopped: whoever stopped it settles the task with this result
                    task.lateResult(result);
                    task.flushEnded();
                }
            } catch (Throwable e) {
                FatalErrors.rethrowFatal(e);
                crashLog.error("worker", null, "output={} worker {} failed on chunk '{}': {}", name(), worker,
                        task.chunk().id(), e.toString());
            }
        }
    }

    private FlushResult flush(RouteTask task, int worker) {
        byte[] readBack = null;
        try {
            io.sluice.api.EventChunk view = task.chunk().view();
            if (view == null) {
                view = StoredChunks.readBack(task.chunk());
                if (view == null) {
                    return FlushResult.ERROR;
                }
                readBack = view.data();
            }
            io.sluice.api.EventChunk chunk = view;
            FlushResult result = definition.plugin().call(() -> output.flush(chunk, worker));
            if (result == null) {
                crashLog.error("null", null, "output={} returned no flush result; treated as RETRY", name());
                return FlushResult.RETRY;
            }
            return result;
        } catch (PluginFailure e) {
            crashLog.error("crash", null, "output={} failed to flush chunk '{}': {}; treated as RETRY", name(),
                    task.chunk().id(), e.getMessage());
            return FlushResult.RETRY;
        } finally {
            if (readBack != null) {
                // the plugin may keep nothing of a chunk after its flush returns (EventChunk.copy() if it must)
                task.chunk().returnReadBuffer(readBack);
            }
        }
    }

    /** Starts the plugin. */
    void startPlugin() throws PluginFailure {
        definition.plugin().call(() -> {
            output.start();
            return null;
        });
        started = true;
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

    /** Stops the plugin, if it started; only once no flush of it is running (Output.stop's contract). */
    void stopPlugin() {
        if (!started) {
            return;
        }
        started = false;
        try {
            definition.plugin().call(() -> {
                output.stop();
                return null;
            });
        } catch (PluginFailure e) {
            LOG.error("output={} failed to stop cleanly: {}", name(), e.getMessage());
        }
    }

    /** Whether the engine is stopping this output: results that arrive now no longer schedule retries. */
    boolean isStopping() {
        return stopping;
    }

    /** Replaces the Match rule (a reload that keeps this output but changes the default {@code Match *}). */
    void rule(RouteRule newRule) {
        rule = newRule;
    }

    /** Marks the output as leaving with a reload: its tasks move to the new pipeline's outputs. */
    void retire() {
        retiring = true;
    }

    boolean isRetiring() {
        return retiring;
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
