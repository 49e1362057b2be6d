package io.sluice.bench.e2e;

import java.nio.file.Path;

/**
 * The figures of one end-to-end run. {@code receiverCpuSecondsPerMillion} is this benchmark JVM's CPU (sending
 * and receiving) over the same interval: when it stays far below sluice's, the receiver is not what limits.
 * {@code busiestThreads} says where sluice's CPU went during the run.
 */
record RunResult(Combination combination, int records, long received, long lost, long duplicates,
                 double recordsPerSecond, double cpuSecondsPerMillion, double receiverCpuSecondsPerMillion,
                 double peakRssMb, double delayMillis, double loadBefore, double loadAfter, Path log, String note,
                 String busiestThreads) {

    static String header() {
        return String.format("%-10s %5s %7s %11s %9s %9s %8s %7s %5s %9s %11s  %s", "format", "flush", "confirm",
                "records/s", "cpu-s/M", "rcv-cpu/M", "peakRSS", "lost", "dup", "delay-ms", "load(b/a)", "log");
    }

    String row() {
        return String.format("%-10s %5s %7s %,11.0f %9.2f %9.2f %6.1fMB %7d %5d %9.0f %5.2f/%-5.2f  %s%s",
                combination.format(), combination.flush(), combination.confirm() ? "on" : "off", recordsPerSecond,
                cpuSecondsPerMillion, receiverCpuSecondsPerMillion, peakRssMb, lost, duplicates, delayMillis,
                loadBefore, loadAfter, log, note.isEmpty() ? "" : "  (" + note + ")");
    }
}
