package io.sluice.core.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens chunks with their routes, turns a sealed chunk into one task per route, and releases the chunk (its bytes
 * from the input's account, its array to the pool) when the last route is done. Thread-safe: inputs seal full
 * chunks on their own threads, the engine thread seals the rest at each tick.
 */
final class ChunkRouter {

    private static final Logger LOG = LoggerFactory.getLogger("engine");

    private final ChunkArrays arrays;
    private final Backpressure backpressure;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<RouteTask> live = ConcurrentHashMap.newKeySet();

    ChunkRouter(ChunkArrays arrays, Backpressure backpressure) {
        this.arrays = arrays;
        this.backpressure = backpressure;
    }

    /** A new open chunk for {@code input}, routed now to the outputs its tag matches. */
    Chunk open(InputLane input, int firstBatch, boolean startFull) {
        return new Chunk(sequence.incrementAndGet(), input, input.routes(), arrays.take(firstBatch, startFull));
    }

    /** Seals {@code chunk} and queues it on every route; a chunk without routes is dropped (debug log only). */
    void dispatch(Chunk chunk) {
        chunk.compact(arrays);
        chunk.seal();
        List<OutputLane> routes = chunk.routes();
        if (routes.isEmpty()) {
            LOG.debug("chunk '{}' of {} matches no output: {} records discarded", chunk.id(), chunk.input().name(),
                    chunk.records());
            release(chunk);
            return;
        }
        for (OutputLane output : routes) {
            RouteTask task = new RouteTask(chunk, output);
            live.add(task);
            output.submit(task);
        }
    }

    /** Ends {@code task} for good; the caller won {@link RouteTask#settle()}. */
    void finish(RouteTask task) {
        live.remove(task);
        if (task.chunk().routeDone()) {
            release(task.chunk());
        }
    }

    /** Tasks not finished yet: queued, flushing or waiting for a retry. */
    List<RouteTask> unfinished() {
        return List.copyOf(live);
    }

    int pendingTasks() {
        return live.size();
    }

    private void release(Chunk chunk) {
        backpressure.released(chunk.input(), chunk.size() + Chunk.OVERHEAD_BYTES);
        arrays.give(chunk.array());
    }
}
