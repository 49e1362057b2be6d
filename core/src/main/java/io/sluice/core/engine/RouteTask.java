package io.sluice.core.engine;

import java.util.concurrent.Future;

/**
 * One chunk on its way to one output: Fluent Bit's (task, output) pair, with its retry count. Owned by the engine
 * thread (or, once that has stopped, by the thread that stopped it), except its flush state, which an output worker
 * and the engine thread hand over with compare-and-set: a worker {@link #claim claims} a queued task before it
 * flushes it, and the engine thread {@link #cancelIfIdle cancels} one (to move it at a reload, evict or drop it) only
 * while no worker holds it. The claim lasts until the engine thread has applied the flush's outcome
 * ({@link #flushEnded}), so a task whose flush just returned OK is never moved and sent again.
 */
final class RouteTask {

    private final Chunk chunk;
    private final OutputLane output;
    private boolean settled;
    private int attempts;
    private Future<?> timer;
    private static final int IDLE = 0;
    private static final int FLUSHING = 1;
    private static final int CANCELLED = 2;

    private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
    private volatile io.sluice.api.FlushResult lateResult;

    RouteTask(Chunk chunk, OutputLane output) {
        this.chunk = chunk;
        this.output = output;
    }

    Chunk chunk() {
        return chunk;
    }

    OutputLane output() {
        return output;
    }

    /** Retries scheduled so far. */
    int attempts() {
        return attempts;
    }

    void countAttempt() {
        attempts++;
    }

    /** Claims the task's final outcome; false when it was already settled (a late result after shutdown). */
    boolean settle() {
        if (settled) {
            return false;
        }
        settled = true;
        return true;
    }

    boolean isSettled() {
        return settled;
    }

    /** Cancels the task whatever its state: shutdown, when no outcome will be applied any more. */
    void cancel() {
        state.set(CANCELLED);
    }

    /** Cancels the task unless a worker holds it; false when one does (or it was cancelled already). */
    boolean cancelIfIdle() {
        return state.compareAndSet(IDLE, CANCELLED);
    }

    /** A worker takes the task to flush it; false when the engine cancelled it first (the worker skips it). */
    boolean claim() {
        return state.compareAndSet(IDLE, FLUSHING);
    }

    /** The engine thread applied the flush's outcome: the task may be queued (a retry) or cancelled again. */
    void flushEnded() {
        state.compareAndSet(FLUSHING, IDLE);
    }

    /** Whether a worker holds the task: inside {@code flush}, or its outcome not applied yet. */
    boolean isFlushing() {
        return state.get() == FLUSHING;
    }

    /** The result of a flush that ended after the engine thread stopped, or null. */
    io.sluice.api.FlushResult lateResult() {
        return lateResult;
    }

    void lateResult(io.sluice.api.FlushResult result) {
        lateResult = result;
    }

    Future<?> timer() {
        return timer;
    }

    void timer(Future<?> scheduled) {
        timer = scheduled;
    }

    @Override
    public String toString() {
        return "input=" + chunk.inputName() + " > output=" + output.name();
    }
}
