package io.sluice.input.cpu;

import io.sluice.api.config.PluginConfig;

/**
 * The cpu input's settings.
 *
 * @param intervalNanos the sampling interval; {@code Interval_Sec} + {@code Interval_NSec}, 1 s when both are ≤ 0
 * @param pid           the process to measure, or 0 or less for the whole system
 */
record CpuSettings(long intervalNanos, int pid) {

    static final String INTERVAL_SEC = "interval_sec";
    static final String INTERVAL_NSEC = "interval_nsec";
    static final String PID = "pid";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Reads validated configuration; a negative part of the interval counts as 0. */
    static CpuSettings from(PluginConfig config) {
        long seconds = config.getLong(INTERVAL_SEC, 1);
        long nanos = config.getLong(INTERVAL_NSEC, 0);
        return new CpuSettings(interval(seconds, nanos), config.getInt(PID, -1));
    }

    static long interval(long seconds, long nanos) {
        if (seconds <= 0 && nanos <= 0) {
            return NANOS_PER_SECOND;
        }
        long s = Math.min(Math.max(seconds, 0), Long.MAX_VALUE / NANOS_PER_SECOND - 1);
        long n = Math.min(Math.max(nanos, 0), NANOS_PER_SECOND * 1000);
        return s * NANOS_PER_SECOND + n;
    }

    /** The nominal interval in seconds, T in the spec's formulas. */
    double intervalSeconds() {
        return intervalNanos / (double) NANOS_PER_SECOND;
    }

    boolean measuresProcess() {
        return pid > 0;
    }
}
