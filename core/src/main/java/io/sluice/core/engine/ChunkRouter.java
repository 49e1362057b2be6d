package io.sluice.core.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a sealed chunk into one task per route and releases the chunk when the last route is done: a memory chunk's
 * bytes leave the input's account and its array goes back to the pool; a stored chunk's file is deleted (while other
 * routes remain, each finished one is marked done in the file). Keeps stored chunks in memory only within the budget
 * ({@code storage.max_chunks_up} chunks and the engine-wide buffer bytes), the rest "down", and holds each output's
 * queued file bytes within its {@code storage.total_limit_size}. {@link #open} runs on input threads; everything else
 * on the engine thread (or on the thread that stopped it).
 */
final class ChunkRouter {

    private static final Logger LOG = LoggerFactory.getLogger("engine");

    private final ChunkArrays arrays;
    private final Backpressure backpressure;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<RouteTask> live = new LinkedHashSet<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong pendingRecords = new AtomicLong();
    private DiskStore disk;
    private RetryTimers timers;
    private Evictions evictions;
    private long upBudgetBytes;
    private int upBudgetChunks;
    private long upBytes;
    private volatile int upChunks;
    private BacklogReader backlog;

    ChunkRouter(ChunkArrays arrays, Backpressure backpressure) {
        this.arrays = arrays;
        this.backpressure = backpressure;
    }

    /** {@code storage.max_chunks_up}: how many stored chunks may be in memory at once. */
    int upBudgetChunks() {
        return upBudgetChunks;
    }

    /** Wires the storage side: where files live and how many stored chunks may stay in memory at once. */
    void storage(DiskStore store, RetryTimers retryTimers, Evictions evictor, long budgetBytes, int budgetChunks) {
        this.disk = store;
        this.timers = retryTimers;
        this.evictions = evictor;
        this.upBudgetBytes = budgetBytes;
        this.upBudgetChunks = budgetChunks;
    }

    void backlog(BacklogReader reader) {
        this.backlog = reader;
    }

    /** A new open chunk of {@code input} for {@code tag}, routed to {@code routes}. */
    Chunk open(InputLane input, String tag, List<OutputLane> routes, int firstBatch, boolean startFull) {
        return new Chunk(sequence.incrementAndGet(), input, tag, routes, arrays.take(firstBatch, startFull));
    }

    /** The next chunk number, for chunks read back from the backlog. */
    long nextSeq() {
        return sequence.incrementAndGet();
    }

    /** Seals {@code chunk} and queues it on every route; a chunk without routes is discarded (debug log only). */
    void dispatch(Chunk chunk) {
        if (chunk.input() != null) {
            chunk.routes(chunk.input().routesFor(chunk.tag()));
        }
        chunk.compact(arrays);
        chunk.seal();
        StoredChunk stored = chunk.stored();
        if (stored != null && chunk.input() != null) {
            disk.close(stored);
        }
        List<OutputLane> routes = chunk.routes();
        if (routes.isEmpty()) {
            if (chunk.input() != null) {
                chunk.input().discarded(chunk.tag(), chunk.records());
            }
            release(chunk);
            return;
        }
        if (stored != null && chunk.input() != null) {
            if (!chunk.isDown() && (upBytes + chunk.size() > upBudgetBytes || upChunks >= upBudgetChunks)) {
                chunk.goDown(arrays);
            } else if (!chunk.isDown()) {
                upBytes += chunk.size();
                upChunks++;
                chunk.countedUp(true);
            }
        }
        if (LOG.isTraceEnabled()) {
            LOG.trace("chunk '{}' of {} sealed: {} records, {} bytes, tag '{}', routed to {}{}", chunk.id(),
                    chunk.inputName(), chunk.records(), chunk.size(), chunk.tag(),
                    routes.stream().map(OutputLane::name).toList(), chunk.isDown() ? " (down: read back from disk)"
                            : "");
        }
        for (OutputLane output : routes) {
            queue(chunk, output);
        }
        if (stored != null) {
            for (OutputLane output : routes) {
                evictions.enforce(output);
            }
        }
    }

    /** Ends {@code task} for good; the caller won {@link RouteTask#settle()}. */
    void finish(RouteTask task) {
        if (live.remove(task)) {
            pending.decrementAndGet();
            pendingRecords.addAndGet(-task.chunk().records());
        }
        Chunk chunk = task.chunk();
        StoredChunk stored = chunk.stored();
        if (stored != null) {
            task.output().leftDisk(task, stored.bytes());
        }
        if (chunk.routeDone()) {
            release(chunk);
        } else if (stored != null) {
            disk.markDone(stored, task.output().name());
        }
    }

    /**
     * Moves {@code task} from its retiring output to every output of {@code current} whose Match fits the chunk's
     * tag and that does not have it yet (a reload); with none left, the records are dropped for that output, counted
     * and logged. The caller has not settled the task.
     */
    void reroute(RouteTask task, List<OutputLane> current) {
        task.settle();
        task.cancel();
        timers.remove(task);
        Chunk chunk = task.chunk();
        java.util.List<OutputLane> routes = new java.util.ArrayList<>(chunk.routes());
        java.util.List<OutputLane> added = new java.util.ArrayList<>();
        for (OutputLane output : current) {
            if (output.matches(chunk.tag()) && !routes.contains(output)) {
                added.add(output);
            }
        }
        if (added.isEmpty()) {
            LOG.warn("after the reload no new output matches tag '{}': {} records of chunk '{}' for output={} are "
                    + "dropped", chunk.tag(), chunk.records(), chunk.id(), task.output().name());
            task.output().metrics().engine("dropped_records").add(chunk.records());
        }
        routes.addAll(added);
        chunk.routes(List.copyOf(routes));
        for (OutputLane output : added) {
            chunk.addRoute();
            queue(chunk, output);
        }
        finish(task);
    }

    /** A new task of {@code chunk} for {@code output}: counted as pending, and queued. */
    private void queue(Chunk chunk, OutputLane output) {
        RouteTask task = new RouteTask(chunk, output);
        live.add(task);
        pending.incrementAndGet();
        pendingRecords.addAndGet(chunk.records());
        StoredChunk stored = chunk.stored();
        if (stored != null) {
            output.queuedOnDisk(task, stored.bytes());
        }
        output.submit(task);
    }

    /**
     * A {@code memrb} input over its limit: its oldest sealed chunks that no output is flushing are dropped, for every
     * route, until its buffered bytes fit again (engine thread). Returns the chunks and bytes given back.
     */
    long[] dropOldest(InputLane input) {
        long chunks = 0;
        long bytes = 0;
        java.util.Map<Chunk, java.util.List<RouteTask>> byChunk = new java.util.LinkedHashMap<>();
        for (RouteTask t : live) {
            if (t.chunk().input() == input) {
                byChunk.computeIfAbsent(t.chunk(), c -> new java.util.ArrayList<>()).add(t);
            }
        }
        java.util.List<Chunk> oldest = new java.util.ArrayList<>(byChunk.keySet());
        oldest.sort(java.util.Comparator.comparingLong(Chunk::seq));
        for (Chunk chunk : oldest) {
            if (input.buffered() <= input.memBufLimit()) {
                break;
            }
            java.util.List<RouteTask> tasks = byChunk.get(chunk);
            if (tasks.stream().anyMatch(RouteTask::isFlushing)) {
                continue;
            }
            boolean dropped = false;
            for (RouteTask t : tasks) {
                if (!t.cancelIfIdle()) {
                    continue; // a worker took it just now: that route goes on, the others are dropped
                }
                dropped = true;
                t.settle();
                timers.remove(t);
                finish(t);
            }
            if (dropped && chunk.openRoutes() == 0) {
                // counted when its memory is given back: a route a worker took just now keeps the chunk
                chunks++;
                bytes += chunk.size();
            }
        }
        return new long[] {chunks, bytes};
    }

    /** Takes a waiting task off its timer; the caller settles it. */
    void cancelRetry(RouteTask task) {
        timers.remove(task);
    }

    /** Tasks not finished yet: queued, flushing or waiting for a retry. */
    List<RouteTask> unfinished() {
        return List.copyOf(live);
    }

    /** Records of the tasks not finished (counted once per route); safe from any thread. */
    long pendingRecords() {
        return pendingRecords.get();
    }

    /** How many tasks are not finished; safe from any thread. */
    int pendingTasks() {
        return pending.get();
    }

    /** Stored chunks in memory now. */
    int upChunks() {
        return upChunks;
    }

    private void release(Chunk chunk) {
        StoredChunk stored = chunk.stored();
        if (stored == null) {
            backpressure.released(chunk.input(), chunk.size() + Chunk.OVERHEAD_BYTES);
            arrays.give(chunk.array());
            return;
        }
        if (chunk.countedUp()) {
            upBytes -= chunk.size();
            upChunks--;
        }
        if (chunk.array() != null) {
            arrays.give(chunk.array());
        }
        disk.delete(stored);
        if (chunk.input() == null && backlog != null) {
            backlog.released(chunk);
        }
    }
}
