package io.sluice.input.cpu;

import io.sluice.support.event.EventBuffer;

/**
 * Turns tick deltas into the record's percentages: {@code ticks / HZ × 100 / cores / seconds}, where seconds is the
 * nominal interval (as Fluent Bit does), not the measured time.
 *
 * <p>HZ is the kernel's USER_HZ, the unit of {@code /proc/stat} and {@code /proc/PID/stat}. Java cannot call
 * {@code sysconf(_SC_CLK_TCK)}; USER_HZ is fixed at 100 by the Linux ABI on x86, arm and most other architectures,
 * so 100 is used.
 */
final class CpuShare {

    static final int HZ = 100;

    private CpuShare() {
    }

    /** The percentage that {@code ticks} are of {@code cores} cores over {@code seconds}; one division, so exact. */
    static double percent(long ticks, int cores, double seconds) {
        return (ticks * 100.0) / (HZ * (double) cores * seconds);
    }

    /** Writes the three pairs {@code keys[0]: user+system, keys[1]: user, keys[2]: system} as float64 values. */
    static void write(EventBuffer out, byte[][] keys, long userTicks, long systemTicks, int cores, double seconds) {
        writePair(out, keys[0], percent(userTicks + systemTicks, cores, seconds));
        writePair(out, keys[1], percent(userTicks, cores, seconds));
        writePair(out, keys[2], percent(systemTicks, cores, seconds));
    }

    private static void writePair(EventBuffer out, byte[] key, double value) {
        out.writeString(key, 0, key.length);
        out.writeDouble(value);
    }
}
