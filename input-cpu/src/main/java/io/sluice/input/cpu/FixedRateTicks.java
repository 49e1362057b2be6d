package io.sluice.input.cpu;

/**
 * Tick times {@code anchor + k × period} for k = 1, 2, …, computed from the anchor rather than from when the previous
 * tick ran, so a slow sample never shifts later ticks. A tick that runs a whole period or more late takes the place
 * of the ticks it missed instead of running them back to back. Used by one thread.
 */
final class FixedRateTicks {

    private final long anchorNanos;
    private final long periodNanos;
    private long lastTick;

    FixedRateTicks(long anchorNanos, long periodNanos) {
        this.anchorNanos = anchorNanos;
        this.periodNanos = periodNanos;
    }

    /** Records that a tick ran at {@code nowNanos}; returns how many periods it covers (1 unless ticks were missed). */
    long arrive(long nowNanos) {
        long due = Math.max((nowNanos - anchorNanos) / periodNanos, lastTick + 1);
        long covered = due - lastTick;
        lastTick = due;
        return covered;
    }

    /** The wait from {@code nowNanos} until the tick after the last one that arrived, 0 when it is already due. */
    long delayToNext(long nowNanos) {
        return Math.max(0, anchorNanos + (lastTick + 1) * periodNanos - nowNanos);
    }
}
