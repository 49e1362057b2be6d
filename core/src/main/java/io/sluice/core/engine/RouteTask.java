package io.sluice.core.engine;

import java.util.concurrent.Future;

/**
 * One chunk on its way to one output: Fluent Bit's (task, output) pair, with its retry count. Owned by the engine
 * thread (or, once that has stopped, by the thread that stopped it), except {@link #isFlushing()}, which the output
 * worker holding the task sets.
 */
final class RouteTask {

    private final Chunk chunk;
    private final OutputLane output;
    private boolean settled;
    private int attempts;
    private Future<?> timer;
    private volatile boolean flushing;
    private volatile boolean cancelled;
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

    /** Whether the engine gave up on the task while it was queued (evicted): a worker that takes it skips it. */
    boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    /** Whether an output worker is inside {@code flush} with this task: its outcome is not known yet. */
    boolean isFlushing() {
        return flushing;
    }

    void flushing(boolean inside) {
        flushing = inside;
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
        return "input=" + chunk.input().name() + " > output=" + output.name();
    }
}
