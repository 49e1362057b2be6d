package io.sluice.core.engine;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses inputs whose buffered bytes reach their limit and resumes them once below half of it; data is never dropped
 * for memory. Buffered bytes are the bytes written into the input's chunks plus a fixed cost per chunk
 * ({@link Chunk#OVERHEAD_BYTES}), from the first append until every route is done; chunks are compacted at seal
 * ({@link Chunk#compact}), so the heap they hold stays within about twice the limit, however small they are. The gap (hysteresis) lets a paused input resume with
 * room for several chunks while the output still has half a buffer queued, so a steady overload pauses and resumes
 * it once per half a buffer drained instead of once per released chunk; each transition is still logged once
 * ({@code paused (mem buf overlimit)}, {@code resume (mem buf overlimit)}, as Fluent Bit words them).
 *
 * <p>An input with {@code Mem_Buf_Limit} is judged by its own bytes alone. Every input without one is judged by the
 * engine-wide cap ({@code Mem_Buf_Limit} of {@code [SERVICE]}, default 16 MB) over the bytes of <em>all</em> inputs:
 * when the total reaches it, all inputs without their own limit pause together, and they resume together when the
 * total falls below half of it. Pausing them all rather than the biggest keeps the rule simple and the bound hard.
 *
 * <p>Each input's pause state changes only under its transition lock, and the plugin's {@code pause()} /
 * {@code resume()} are called under it, so the calls stay in order. The emitting thread pauses its own input itself,
 * right after the append that reached the limit, waiting a few milliseconds at most for the lock (the engine thread
 * may hold it while reconciling); only if that fails does it leave the pause to the engine thread. Resumes are always
 * the engine thread's. The bounded wait means an input whose pause or resume needs a lock its emitting thread holds
 * costs a short stall, never a deadlock.
 */
final class Backpressure {

    private static final Logger LOG = LoggerFactory.getLogger("input");

    private final long engineCap;
    private final AtomicLong total = new AtomicLong();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Executor engineThread;
    private volatile List<InputLane> inputs = List.of();
    private volatile boolean anyPaused;

    Backpressure(long engineCap, Executor engineThread) {
        this.engineCap = engineCap;
        this.engineThread = engineThread;
    }

    void inputs(List<InputLane> lanes) {
        inputs = List.copyOf(lanes);
    }

    /** Accounts bytes just appended by {@code input} (and a new chunk's overhead); runs on the input's thread. */
    void added(InputLane input, long bytes) {
        long own = input.addBuffered(bytes);
        long sum = total.addAndGet(bytes);
        if (input.isRing() && input.memBufLimit() > 0 && own > input.memBufLimit()) {
            input.requestRingDrop();
            return;
        }
        if (!input.isPaused() && over(input, own, sum)) {
            if (!input.tryTransition(() -> settle(input))) {
                request();
            }
            if (input.memBufLimit() <= 0 && inputs.size() > 1) {
                request();
            }
        }
    }

    /** Accounts the bytes and overhead of a released chunk of {@code input}. */
    void released(InputLane input, long bytes) {
        input.addBuffered(-bytes);
        total.addAndGet(-bytes);
        if (anyPaused || anyInputPaused()) {
            request();
        }
    }

    /** Asks the lanes themselves: an input may have paused itself after {@link #reconcile} computed the flag. */
    private boolean anyInputPaused() {
        for (InputLane input : inputs) {
            if (input.isPaused()) {
                return true;
            }
        }
        return false;
    }

    /** Bytes buffered over all inputs. */
    long totalBytes() {
        return total.get();
    }

    /** Pauses and resumes inputs to match their accounts; runs on the engine thread. */
    void reconcile() {
        requested.set(false);
        boolean paused = false;
        for (InputLane input : inputs) {
            input.transition(() -> settle(input));
            paused |= input.isPaused();
        }
        anyPaused = paused;
    }

    /** Brings one input's pause state in line with its account; the caller holds its transition lock. */
    private void settle(InputLane input) {
        boolean over = input.isPaused() ? stillOver(input, input.buffered(), total.get())
                : over(input, input.buffered(), total.get());
        if (over && !input.isPaused() && input.pause()) {
            anyPaused = true;
            LOG.info("{} paused (mem buf overlimit)", input.name());
        } else if (!over && input.isPaused() && input.resume()) {
            LOG.info("{} resume (mem buf overlimit)", input.name());
        }
    }

    private boolean over(InputLane input, long own, long sum) {
        if (input.routesToOverflowingOutput()) {
            return true;
        }
        if (input.isStored()) {
            // a filesystem input's chunks go to disk, not to the heap: memory limits do not pause it, only
            // storage.pause_on_chunks_overlimit does
            return input.pausesOnChunksOverlimit();
        }
        if (input.isRing()) {
            // memrb drops its oldest chunks instead of pausing
            return false;
        }
        return input.memBufLimit() > 0 ? own >= input.memBufLimit() : engineCap > 0 && sum >= engineCap;
    }

    /** Whether a paused input must stay paused: its account is not yet below the resume level. */
    private boolean stillOver(InputLane input, long own, long sum) {
        if (input.routesToOverflowingOutput()) {
            return true;
        }
        if (input.isStored()) {
            return input.pausesOnChunksOverlimit();
        }
        if (input.isRing()) {
            return false;
        }
        return input.memBufLimit() > 0 ? own >= resumeLevel(input.memBufLimit())
                : engineCap > 0 && sum >= resumeLevel(engineCap);
    }

    /** Half of {@code limit}: below it a paused input resumes. */
    private static long resumeLevel(long limit) {
        return limit / 2;
    }

    /** Asks the engine thread to bring every input's pause state in line. */
    void request() {
        if (requested.compareAndSet(false, true)) {
            try {
                engineThread.execute(this::reconcile);
            } catch (RejectedExecutionException stopped) {
                requested.set(false);
            }
        }
    }
}
