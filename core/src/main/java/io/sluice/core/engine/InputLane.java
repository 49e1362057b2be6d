package io.sluice.core.engine;

import io.sluice.api.Emitter;
import io.sluice.api.Input;
import io.sluice.api.PluginMetrics;
import io.sluice.core.config.InputDefinition;
import io.sluice.core.log.SuppressingLog;
import io.sluice.core.plugin.PluginFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input instance inside the engine: its emitter, its open chunks (one per tag) and its buffered-bytes account.
 * {@link #emit} runs on the input's threads: the filter chain first, then one copy of what is left into the open
 * chunk of its tag; the engine thread seals the open chunks at each tick. Open chunks are guarded by this lane's
 * lock; pause state by its transition lock (see {@link Backpressure}).
 */
final class InputLane implements Emitter {

    private static final Logger LOG = LoggerFactory.getLogger("engine");
    private static final long TRANSITION_WAIT_MILLIS = 50;

    private final InputDefinition definition;
    private final long sealBytes;
    private final ChunkArrays arrays;
    private final InstanceMetrics metrics;
    private final PluginMetrics.Counter records;
    private final PluginMetrics.Counter bytes;
    private volatile PluginMetrics.Counter unrouted;
    private final java.util.concurrent.atomic.AtomicBoolean ringDropRequested =
            new java.util.concurrent.atomic.AtomicBoolean();
    private PluginMetrics.Counter ringChunks;
    private PluginMetrics.Counter ringBytes;
    private final AtomicLong buffered = new AtomicLong();
    private final Object lock = new Object();
    private final ReentrantLock transition = new ReentrantLock();
    private final SuppressingLog failures = new SuppressingLog(LOG, 10_000);
    private final Map<String, Chunk> open = new HashMap<>();
    private final Map<String, List<OutputLane>> routesByTag = new HashMap<>();
    private final ReentrantLock emitLock = new ReentrantLock();
    private List<OutputLane> outputs = List.of();
    private volatile FilterChain.Run filters;
    private ChunkRouter router;
    private Backpressure backpressure;
    private EngineLoop loop;
    private DiskStore disk;
    private DiskFullWait diskFull;
    private boolean watchOverflow;
    private boolean filledLast;
    private Input input;
    private volatile boolean started;
    private volatile boolean paused;
    private volatile boolean stopped;

    InputLane(InputDefinition definition, long sealBytes, ChunkArrays arrays) {
        this.definition = definition;
        this.sealBytes = sealBytes;
        this.arrays = arrays;
        this.metrics = InstanceMetrics.forInput(definition.instanceName(), definition.plugin().name());
        this.records = metrics.engine("records");
        this.bytes = metrics.engine("bytes");
    }

    void wire(ChunkRouter chunkRouter, Backpressure pressure, List<OutputLane> allOutputs, FilterChain chain,
              EngineLoop engineLoop, DiskStore store) {
        this.loop = engineLoop;
        this.disk = definition.storageType() == io.sluice.core.config.StorageType.FILESYSTEM ? store : null;
        this.diskFull = new DiskFullWait(this);
        this.watchOverflow = allOutputs.stream().anyMatch(o -> o.definition().pauseOnOverflow()
                && o.definition().totalLimitSize() > 0);
        this.router = chunkRouter;
        this.backpressure = pressure;
        this.outputs = definition.routable() ? List.copyOf(allOutputs) : List.of();
        this.filters = chain.isEmpty() ? null : chain.new Run();
    }

    void attach(Input created) {
        this.input = created;
    }

    @Override
    public void emit(byte[] data, int offset, int length, int count) {
        emit(definition.tag(), data, offset, length, count);
    }

    @Override
    public void emit(String tag, byte[] data, int offset, int length, int count) {
        // Checked before anything is appended: a bad batch must not spoil the open chunk's good ones.
        if (tag == null || data == null || count < 0 || length < 0 || offset < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("input " + name() + " emitted an impossible batch: " + count
                    + " records in bytes [" + offset + ", " + offset + "+" + length + ") of "
                    + (data == null ? "no array" : "an array of " + data.length) + (tag == null ? ", no tag" : ""));
        }
        if (length == 0) {
            return;
        }
        if (filters == null && disk == null) {
            append(tag, data, offset, length, count);
        } else {
            // one emit at a time per lane: the filter run's buffers are reused from batch to batch, and a file
            // append must not interleave with another for the same chunk
            emitLock.lock();
            try {
                if (filters == null) {
                    route(tag, data, offset, length, count);
                } else {
                    filters.apply(tag, data, offset, length, count, this::route);
                }
            } finally {
                emitLock.unlock();
            }
        }
        // counted once appended, as the input's own records and bytes (before filters, as Fluent Bit counts them)
        records.add(count);
        bytes.add(length);
    }

    private void route(String tag, byte[] data, int offset, int length, int count) {
        if (disk == null) {
            append(tag, data, offset, length, count);
        } else {
            appendStored(tag, data, offset, length, count);
        }
    }

    /**
     * Writes the batch to the open chunk's file, then copies it into the chunk. A write that fails (a full disk)
     * leaves no trace in the file; the chunk is sealed as it is, so what it holds can still be delivered and free
     * space, and this thread waits and tries again every second: the input takes in nothing meanwhile (the tcp input
     * stops reading its sockets), and nothing it counted is lost.
     */
    private void appendStored(String tag, byte[] data, int offset, int length, int count) {
        boolean waited = false;
        while (true) {
            Chunk chunk;
            synchronized (lock) {
                chunk = open.get(tag);
                if (chunk == null) {
                    chunk = router.open(this, tag, routes(tag), length, filledLast);
                    open.put(tag, chunk);
                }
                chunk.writing(true);
            }
            try {
                if (chunk.stored() == null) {
                    chunk.stored(disk.create(name(), tag, chunk.seq()));
                }
                disk.append(chunk.stored(), data, offset, length, count);
            } catch (java.io.IOException e) {
                giveUpOn(tag, chunk);
                if (!diskFull.await(e, disk.root())) {
                    LOG.error("input={}: {} records could not be stored before shutdown ({}); they were not counted",
                            name(), count, e.toString());
                    return;
                }
                waited = true;
                continue;
            }
            if (waited) {
                diskFull.recovered();
            }
            Chunk full = null;
            synchronized (lock) {
                chunk.append(data, offset, length, count, arrays);
                chunk.writing(false);
                if (chunk.size() > sealBytes) {
                    open.remove(tag);
                    filledLast = true;
                    full = chunk;
                }
            }
            if (full != null) {
                dispatch(full);
            }
            return;
        }
    }

    /** After a failed write: seals what {@code chunk} holds, or drops it when it holds nothing yet. */
    private void giveUpOn(String tag, Chunk chunk) {
        boolean empty;
        synchronized (lock) {
            chunk.writing(false);
            if (open.get(tag) == chunk) {
                open.remove(tag);
            }
            empty = chunk.records() == 0;
        }
        if (!empty) {
            dispatch(chunk);
            return;
        }
        arrays.give(chunk.array());
        if (chunk.stored() != null) {
            disk.delete(chunk.stored());
        }
    }

    private void dispatch(Chunk sealed) {
        if (!loop.execute(() -> router.dispatch(sealed))) {
            LOG.warn("input={} filled a chunk of {} records after the engine stopped; {}", name(), sealed.records(),
                    sealed.stored() == null ? "they were not delivered" : "it stays on disk for the next start");
        }
    }

    private void append(String tag, byte[] data, int offset, int length, int count) {
        Chunk full = null;
        long held = 0;
        synchronized (lock) {
            Chunk chunk = open.get(tag);
            if (chunk == null) {
                chunk = router.open(this, tag, routes(tag), length, filledLast);
                open.put(tag, chunk);
                held = Chunk.OVERHEAD_BYTES;
                if (LOG.isTraceEnabled()) {
                    LOG.trace("input={} opened chunk '{}' for tag '{}'", name(), chunk.id(), tag);
                }
            }
            held += length;
            chunk.append(data, offset, length, count, arrays);
            if (chunk.size() > sealBytes) {
                open.remove(tag);
                filledLast = true;
                full = chunk;
            }
        }
        backpressure.added(this, held);
        if (full != null) {
            dispatch(full);
        }
    }

    /** The outputs whose Match fits {@code tag} now; called when a chunk of it is sealed. */
    List<OutputLane> routesFor(String tag) {
        synchronized (lock) {
            return routes(tag);
        }
    }

    /** Routes tags against {@code newOutputs} and filters batches with {@code chain} from now on (a reload). */
    void rewire(List<OutputLane> newOutputs, FilterChain chain) {
        emitLock.lock();
        try {
            synchronized (lock) {
                outputs = definition.routable() ? List.copyOf(newOutputs) : List.of();
                routesByTag.clear();
                watchOverflow = newOutputs.stream().anyMatch(o -> o.definition().pauseOnOverflow()
                        && o.definition().totalLimitSize() > 0);
            }
            filters = chain.isEmpty() ? null : chain.new Run();
        } finally {
            emitLock.unlock();
        }
    }

    /** The outputs whose Match fits {@code tag}, computed once per tag; the caller holds the lane lock. */
    private List<OutputLane> routes(String tag) {
        List<OutputLane> routes = routesByTag.get(tag);
        if (routes == null) {
            routes = outputs.stream().filter(o -> o.matches(tag)).toList();
            if (routesByTag.size() < 10_000) {
                routesByTag.put(tag, routes);
            }
        }
        return routes;
    }

    /**
     * Takes every open chunk out for flushing; empty when nothing was appended since the last seal. A chunk whose
     * file is being written right now stays open until the next seal: its file must not end up ahead of its bytes.
     */
    List<Chunk> sealOpen() {
        synchronized (lock) {
            if (open.isEmpty()) {
                return List.of();
            }
            List<Chunk> chunks = new ArrayList<>(open.size());
            var it = open.values().iterator();
            while (it.hasNext()) {
                Chunk c = it.next();
                if (!c.isWriting()) {
                    chunks.add(c);
                    it.remove();
                }
            }
            filledLast = false;
            return chunks;
        }
    }

    /**
     * Whether a tag this input emitted is routed to an output over its {@code storage.total_limit_size} with
     * {@code storage.overflow_action pause}.
     */
    boolean routesToOverflowingOutput() {
        if (!watchOverflow) {
            return false;
        }
        synchronized (lock) {
            for (List<OutputLane> routes : routesByTag.values()) {
                for (OutputLane o : routes) {
                    if (o.overflowing()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Counts records of a tag no output matches, discarded (a typo in Match, or no output at all): a warning per tag,
     * limited to one per window, and a counter, {@code unrouted_records}.
     */
    void discarded(String tag, int count) {
        if (unrouted == null) {
            unrouted = metrics.pluginView().counter("unrouted_records", "Records discarded: no output matches");
        }
        unrouted.add(count);
        if (definition.routable()) {
            failures.warn("unrouted", tag, "input={}: {} records tagged '{}' match no output and were discarded "
                    + "(check the outputs' Match)", name(), count, tag);
        }
    }

    /** Chunks open for appending now. */
    int openChunks() {
        synchronized (lock) {
            return open.size();
        }
    }

    /** Whether the input is {@code storage.type memrb}: over its limit, its oldest chunks are dropped. */
    boolean isRing() {
        return definition.storageType() == io.sluice.core.config.StorageType.MEMRB;
    }

    /** Whether a filesystem input pauses while {@code storage.max_chunks_up} stored chunks are in memory. */
    boolean pausesOnChunksOverlimit() {
        return definition.pauseOnChunksOverlimit() && router.upChunks() >= router.upBudgetChunks();
    }

    /** Asks the engine thread to drop this memrb input's oldest chunks until it fits its limit again. */
    void requestRingDrop() {
        if (ringDropRequested.compareAndSet(false, true)) {
            loop.execute(() -> {
                ringDropRequested.set(false);
                long[] dropped = router.dropOldest(this);
                if (dropped[0] > 0) {
                    if (ringChunks == null) {
                        ringChunks = metrics.pluginView().counter("memrb_dropped_chunks",
                                "Chunks a memrb input dropped to stay within Mem_Buf_Limit");
                        ringBytes = metrics.pluginView().counter("memrb_dropped_bytes",
                                "Bytes a memrb input dropped to stay within Mem_Buf_Limit");
                    }
                    ringChunks.add(dropped[0]);
                    ringBytes.add(dropped[1]);
                    failures.warn("memrb", null, "input={} (memrb) dropped its {} oldest chunks ({} bytes) to stay "
                            + "within Mem_Buf_Limit", name(), dropped[0], dropped[1]);
                }
            });
        }
    }

    /** Whether the lane writes its chunks to files. */
    boolean isStored() {
        return disk != null;
    }

    /** Whether {@link #stop()} was called. */
    boolean isStopped() {
        return stopped;
    }

    /** Starts the plugin. */
    void start() throws PluginFailure {
        definition.plugin().call(() -> {
            input.start();
            return null;
        });
        started = true;
    }

    /**
     * Runs {@code change} under the transition lock, waiting at most {@code TRANSITION_WAIT_MILLIS} for it; false when
     * it stayed busy. The bound turns an input whose {@code pause()}/{@code resume()} needs a lock its emitting
     * thread holds into a short stall instead of a deadlock.
     */
    boolean tryTransition(Runnable change) {
        try {
            if (!transition.tryLock(TRANSITION_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            change.run();
        } finally {
            transition.unlock();
        }
        return true;
    }

    /**
     * Runs {@code change} under the transition lock for the engine thread, which must never wait long: when the
     * input's own thread holds the lock in a slow {@code pause()}, the change is skipped and the next tick retries it.
     */
    void transition(Runnable change) {
        if (!tryTransition(change)) {
            LOG.debug("input {} is busy changing its pause state; checked again at the next tick", name());
        }
    }

    /** Calls the plugin's pause; true when the input is now paused. Under the transition lock only. */
    boolean pause() {
        if (stopped || !started) {
            return false;
        }
        try {
            definition.plugin().call(() -> {
                input.pause();
                return null;
            });
            paused = true;
        } catch (PluginFailure e) {
            failures.error("pause", null, "input {} failed to pause: {}", name(), e.getMessage());
        }
        return paused;
    }

    /** Calls the plugin's resume; true when the input runs again. Under the transition lock only. */
    boolean resume() {
        if (stopped || !started) {
            return false;
        }
        // Cleared first: the input may emit before resume() returns, and those appends must be able to pause it.
        paused = false;
        try {
            definition.plugin().call(() -> {
                input.resume();
                return null;
            });
        } catch (PluginFailure e) {
            paused = true;
            failures.error("resume", null, "input {} failed to resume: {}", name(), e.getMessage());
        }
        return !paused;
    }

    /** Stops the plugin for good, if it started; it may still emit while stopping. */
    void stop() {
        if (!started || stopped) {
            return;
        }
        stopped = true;
        try {
            definition.plugin().call(() -> {
                input.stop();
                return null;
            });
        } catch (PluginFailure e) {
            LOG.error("input {} failed to stop cleanly: {}", name(), e.getMessage());
        }
    }

    long addBuffered(long delta) {
        return buffered.addAndGet(delta);
    }

    long buffered() {
        return buffered.get();
    }

    boolean isPaused() {
        return paused;
    }

    long memBufLimit() {
        return definition.memBufLimit();
    }

    String name() {
        return definition.instanceName();
    }

    InputDefinition definition() {
        return definition;
    }

    InstanceMetrics metrics() {
        return metrics;
    }
}
