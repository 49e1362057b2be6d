package io.sluice.core.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each output's queued file bytes within its {@code storage.total_limit_size}, on the engine thread. Over the
 * limit, either the oldest chunks lose this output's route only — logged with counts, counted in
 * {@code dropped_records} (or written to the dead-letter folder) — or, with {@code storage.overflow_action pause},
 * the inputs routed to it pause until it is back under the limit. A task being flushed is never evicted.
 */
final class Evictions {

    private static final Logger LOG = LoggerFactory.getLogger("engine");

    private final ChunkRouter router;
    private final FlushOutcomes outcomes;
    private final Backpressure backpressure;

    Evictions(ChunkRouter router, FlushOutcomes outcomes, Backpressure backpressure) {
        this.router = router;
        this.outcomes = outcomes;
        this.backpressure = backpressure;
    }

    void enforce(OutputLane output) {
        long limit = output.definition().totalLimitSize();
        if (limit <= 0) {
            return;
        }
        if (output.definition().pauseOnOverflow()) {
            boolean over = output.diskBytes() > limit;
            if (over != output.overflowing()) {
                output.overflowing(over);
                LOG.warn("output={} has {} bytes queued on disk, {} its storage.total_limit_size of {}: {}",
                        output.name(), output.diskBytes(), over ? "over" : "back under", limit,
                        over ? "pausing the inputs routed to it" : "resuming them");
                backpressure.request();
            }
            return;
        }
        if (output.diskBytes() <= limit) {
            return; // the usual case: no copy of the queue
        }
        for (RouteTask task : output.diskTasksOldestFirst()) {
            if (output.diskBytes() <= limit) {
                return;
            }
            if (task.isSettled() || !task.cancelIfIdle()) {
                continue; // a worker holds it: its outcome decides
            }
            evict(task, limit);
        }
    }

    private void evict(RouteTask task, long limit) {
        Chunk chunk = task.chunk();
        task.settle();
        router.cancelRetry(task);
        LOG.warn("chunk '{}' evicted from output queue to make room under storage.total_limit_size: task_id={}, "
                        + "{} (out_id={}), bytes={}, limit={}", chunk.file() == null ? chunk.id()
                        : chunk.file().getFileName(), chunk.seq(), task, task.output().id(), chunk.stored().bytes(),
                limit);
        task.output().countEvicted(chunk.records());
        outcomes.evicted(task);
    }
}
