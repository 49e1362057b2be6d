package io.sluice.core.engine;

import io.sluice.api.Emitter;
import io.sluice.api.Input;
import io.sluice.api.PluginException;
import io.sluice.api.PluginMetrics;
import io.sluice.api.log.RateLimitedLog;
import io.sluice.core.config.InputDefinition;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input instance inside the engine: its emitter, its open chunk and its buffered-bytes account. {@link #emit}
 * runs on the input's thread and copies each batch once into the open chunk; the engine thread seals that chunk at
 * each tick. The open chunk is guarded by this lane's lock; pause state by its transition lock (see
 * {@link Backpressure}).
 */
final class InputLane implements Emitter {

    private static final Logger LOG = LoggerFactory.getLogger("engine");
    private static final long TRANSITION_WAIT_MILLIS = 50;

    private final InputDefinition definition;
    private final List<OutputLane> routes;
    private final long sealBytes;
    private final ChunkArrays arrays;
    private final InstanceMetrics metrics;
    private final PluginMetrics.Counter records;
    private final PluginMetrics.Counter bytes;
    private final AtomicLong buffered = new AtomicLong();
    private final Object lock = new Object();
    private final ReentrantLock transition = new ReentrantLock();
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 10_000);
    private ChunkRouter router;
    private Backpressure backpressure;
    private Chunk open;
    private boolean filledLast;
    private Input input;
    private volatile boolean paused;
    private volatile boolean stopped;

    InputLane(InputDefinition definition, List<OutputLane> routes, long sealBytes, ChunkArrays arrays) {
        this.definition = definition;
        this.routes = definition.routable() ? List.copyOf(routes) : List.of();
        this.sealBytes = sealBytes;
        this.arrays = arrays;
        this.metrics = InstanceMetrics.forInput(definition.instanceName(), definition.plugin().name());
        this.records = metrics.engine("records");
        this.bytes = metrics.engine("bytes");
    }

    void wire(ChunkRouter chunkRouter, Backpressure pressure) {
        this.router = chunkRouter;
        this.backpressure = pressure;
    }

    void attach(Input created) {
        this.input = created;
    }

    @Override
    public void emit(byte[] data, int offset, int length, int count) {
        // Checked before anything is appended: a bad batch must not spoil the open chunk's good ones.
        if (data == null || count < 0 || length < 0 || offset < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("input " + name() + " emitted an impossible batch: " + count
                    + " records in bytes [" + offset + ", " + offset + "+" + length + ") of "
                    + (data == null ? "no array" : "an array of " + data.length));
        }
        if (length == 0) {
            return;
        }
        Chunk full = null;
        long held = 0;
        synchronized (lock) {
            Chunk chunk = open;
            if (chunk == null) {
                chunk = router.open(this, length, filledLast);
                open = chunk;
                held = Chunk.OVERHEAD_BYTES;
            }
            held += length;
            chunk.append(data, offset, length, count, arrays);
            if (chunk.size() > sealBytes) {
                open = null;
                filledLast = true;
                full = chunk;
            }
        }
        records.add(count);
        bytes.add(length);
        backpressure.added(this, held);
        if (full != null) {
            router.dispatch(full);
        }
    }

    /** Takes the open chunk out for flushing, or {@code null} when nothing was appended since the last seal. */
    Chunk sealOpen() {
        synchronized (lock) {
            Chunk chunk = open;
            open = null;
            if (chunk != null) {
                filledLast = false;
            }
            return chunk;
        }
    }

    /** Starts the plugin; the caller has entered its class loader. */
    void start() throws PluginException {
        input.start();
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
        if (stopped || input == null) {
            return false;
        }
        try (var swap = definition.plugin().enter()) {
            input.pause();
            paused = true;
        } catch (Throwable e) {
            FatalErrors.rethrowFatal(e);
            failures.error("pause-" + name(), "input {} failed to pause: {}", name(), e.toString());
        }
        return paused;
    }

    /** Calls the plugin's resume; true when the input runs again. Under the transition lock only. */
    boolean resume() {
        if (stopped || input == null) {
            return false;
        }
        // Cleared first: the input may emit before resume() returns, and those appends must be able to pause it.
        paused = false;
        try (var swap = definition.plugin().enter()) {
            input.resume();
        } catch (Throwable e) {
            FatalErrors.rethrowFatal(e);
            paused = true;
            failures.error("resume-" + name(), "input {} failed to resume: {}", name(), e.toString());
        }
        return !paused;
    }

    /** Stops the plugin for good; it may still emit while stopping. */
    void stop() {
        if (input == null || stopped) {
            return;
        }
        stopped = true;
        try (var swap = definition.plugin().enter()) {
            input.stop();
        } catch (Throwable e) {
            FatalErrors.rethrowFatal(e);
            LOG.error("input {} failed to stop cleanly: {}", name(), e.toString());
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

    List<OutputLane> routes() {
        return routes;
    }

    String name() {
        return definition.instanceName();
    }

    String tag() {
        return definition.tag();
    }

    InputDefinition definition() {
        return definition;
    }

    InstanceMetrics metrics() {
        return metrics;
    }
}
