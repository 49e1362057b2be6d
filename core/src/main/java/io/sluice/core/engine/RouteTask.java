package io.sluice.core.engine;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** One chunk on its way to one output: Fluent Bit's (task, output) pair, with its retry count. */
final class RouteTask {

    private final Chunk chunk;
    private final OutputLane output;
    private final AtomicBoolean settled = new AtomicBoolean();
    private int attempts;
    private volatile Future<?> timer;
    private volatile boolean flushing;

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

    /** Retries scheduled so far; only the worker that holds the task reads or changes it. */
    int attempts() {
        return attempts;
    }

    void countAttempt() {
        attempts++;
    }

    /** Claims the task's final outcome; false when another path (shutdown, a late flush) already settled it. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean isSettled() {
        return settled.get();
    }

    /** Whether an output worker is inside {@code flush} with this task: its outcome is not known yet. */
    boolean isFlushing() {
        return flushing;
    }

    void flushing(boolean inside) {
        flushing = inside;
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
