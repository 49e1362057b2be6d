package io.sluice.input.cpu;

import io.sluice.api.config.PluginConfig;

/**
 * The cpu input's settings.
 *
 * @param intervalNanos the sampling interval; {@code Interval_Sec} + {@code Interval_NSec}, 1 s when both are 0
 * @param pid           the process to measure, or {@link CpuInputPlugin#WHOLE_SYSTEM}
 */
record CpuSettings(long intervalNanos, int pid) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Reads a configuration that core and {@link CpuInputPlugin#validate} have already checked. */
    static CpuSettings from(PluginConfig config) {
        return new CpuSettings(interval(config.get(CpuInputPlugin.INTERVAL_SEC),
                config.get(CpuInputPlugin.INTERVAL_NSEC)), config.get(CpuInputPlugin.PID));
    }

    /** {@code seconds} s + {@code nanos} ns; as in Fluent Bit, an interval of 0 means the default, 1 s. */
    private static long interval(int seconds, int nanos) {
        if (seconds == 0 && nanos == 0) {
            return NANOS_PER_SECOND;
        }
        // at most Integer.MAX_VALUE s, so the sum stays far below Long.MAX_VALUE ns
        return seconds * NANOS_PER_SECOND + nanos;
    }

    /** The nominal interval in seconds: the T that turns tick counts into percentages. */
    double intervalSeconds() {
        return intervalNanos / (double) NANOS_PER_SECOND;
    }

    boolean measuresProcess() {
        return pid != CpuInputPlugin.WHOLE_SYSTEM;
    }
}
