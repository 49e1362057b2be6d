package io.sluice.core.engine;

import io.sluice.api.FlushResult;
import io.sluice.api.PluginMetrics;
import java.util.Arrays;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a flush result to its task, as Fluent Bit's engine does: OK counts delivery; ERROR drops; RETRY
 * schedules a retry with backoff or, when the limit is spent, drops. Dropped chunks go to the dead-letter folder
 * when one is configured (written on the I/O thread, from a copy); either way the drop is logged with its record
 * count and counted. Runs on the engine thread, or on the thread that stopped it.
 */
final class FlushOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger("engine");

    private final ChunkRouter router;
    private final RetryTimers timers;
    private final DeadLetters deadLetters;
    private final Executor io;
    private final java.util.function.Supplier<java.util.List<OutputLane>> current;

    FlushOutcomes(ChunkRouter router, RetryTimers timers, DeadLetters deadLetters, Executor io,
                  java.util.function.Supplier<java.util.List<OutputLane>> current) {
        this.current = current;
        this.router = router;
        this.timers = timers;
        this.deadLetters = deadLetters;
        this.io = io;
    }

    void apply(RouteTask task, FlushResult result) {
        task.flushEnded();
        switch (result) {
            case OK -> delivered(task);
            case ERROR -> failed(task);
            case RETRY -> retry(task);
            default -> throw new IllegalStateException(result.name());
        }
    }

    private void delivered(RouteTask task) {
        if (!task.settle()) {
            return;
        }
        Chunk chunk = task.chunk();
        InstanceMetrics m = task.output().metrics();
        if (LOG.isTraceEnabled()) {
            LOG.trace("chunk '{}' flushed: {} records to output={}", chunk.id(), chunk.records(),
                    task.output().name());
        }
        m.engine("proc_records").add(chunk.records());
        m.engine("proc_bytes").add(chunk.size());
        if (task.attempts() > 0) {
            LOG.info("flush chunk '{}' succeeded at retry {}: task_id={}, {} (out_id={})", chunk.id(),
                    task.attempts(), chunk.seq(), task, task.output().id());
        }
        router.finish(task);
    }

    private void failed(RouteTask task) {
        if (!task.settle()) {
            return;
        }
        task.output().metrics().engine("errors").increment();
        drop(task, "the output reported an error");
    }

    private void retry(RouteTask task) {
        if (task.isSettled() || task.output().isStopping()) {
            return;
        }
        if (task.output().isRetiring()) {
            router.reroute(task, current.get());
            return;
        }
        Chunk chunk = task.chunk();
        InstanceMetrics m = task.output().metrics();
        RetryPolicy.Decision decision = task.output().retryPolicy().decide(task.attempts());
        if (decision != RetryPolicy.Decision.RETRY && timers.hurrying() && chunk.stored() != null) {
            // Shutting down: a stored chunk is kept for the next start rather than dropped because retries ran out
            // while the output was unreachable (Fluent Bit deletes it).
            LOG.info("chunk '{}' stays on disk for the next start ({} records): task_id={}, {}", chunk.id(),
                    chunk.records(), chunk.seq(), task);
            return;
        }
        switch (decision) {
            case NO_RETRIES -> {
                task.settle();
                LOG.warn("chunk '{}' is not retried (no retry config): task_id={}, {}", chunk.id(), chunk.seq(),
                        task);
                drop(task, "no retries configured");
            }
            case EXHAUSTED -> {
                task.settle();
                LOG.warn("chunk '{}' cannot be retried: task_id={}, {}", chunk.id(), chunk.seq(), task);
                m.engine("retries_failed").increment();
                drop(task, "retries exhausted after " + task.attempts());
            }
            case RETRY -> {
                task.countAttempt();
                long wait = timers.adjust(task.output().retryPolicy().waitFor(task.attempts()));
                m.engine("retries").increment();
                m.engine("retried_records").add(chunk.records());
                LOG.warn("failed to flush chunk '{}', retry in {} seconds: task_id={}, {} (out_id={})", chunk.id(),
                        wait, chunk.seq(), task, task.output().id());
                timers.schedule(task, wait);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Ends a task that shutdown gave up on; the caller won {@link RouteTask#settle()}. */
    void abandon(RouteTask task) {
        drop(task, "not delivered before shutdown");
    }

    /** Ends a task evicted to keep its output under {@code storage.total_limit_size}; the caller settled it. */
    void evicted(RouteTask task) {
        drop(task, "evicted to stay under storage.total_limit_size");
    }

    private void drop(RouteTask task, String why) {
        Chunk chunk = task.chunk();
        PluginMetrics.Counter dropped = task.output().metrics().engine("dropped_records");
        dropped.add(chunk.records());
        if (deadLetters.enabled()) {
            byte[] copy = chunk.array() == null ? null : Arrays.copyOf(chunk.array(), chunk.size());
            String output = task.output().name();
            io.execute(() -> {
                java.nio.file.Path file = null;
                if (copy != null) {
                    file = deadLetters.write(output, chunk.tag(), chunk.seq(), chunk.id(), copy, 0, copy.length);
                } else {
                    var back = StoredChunks.readBack(chunk);
                    if (back != null) {
                        try {
                            file = deadLetters.write(output, chunk.tag(), chunk.seq(), chunk.id(), back.data(),
                                    back.offset(), back.length());
                        } finally {
                            chunk.returnReadBuffer(back.data());
                        }
                    }
                }
                if (file != null) {
                    LOG.warn("chunk '{}' for output={} rejected ({}): {} records written to {}", chunk.id(), output,
                            why, chunk.records(), file);
                } else {
                    LOG.error("chunk '{}' for output={} dropped ({}): {} records lost (the dead letter could not "
                            + "be written)", chunk.id(), output, why, chunk.records());
                }
            });
        } else {
            LOG.error("chunk '{}' for output={} dropped ({}): {} records lost", chunk.id(), task.output().name(),
                    why, chunk.records());
        }
        router.finish(task);
    }
}
