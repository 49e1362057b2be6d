package io.sluice.bench.e2e;

import java.nio.file.Path;

/**
 * The figures of one end-to-end run. {@code system} is "sluice" or the other forwarder's name.
 * {@code cpuSecondsPerMillion} is the forwarder's CPU over the measured records (first byte sent → last record
 * received); {@code runCpuSeconds} is all of its CPU from exec to the last record: start-up, JIT and any warm-up
 * included. {@code receiverCpuSecondsPerMillion} is this benchmark JVM's CPU (sending and receiving) over the same
 * interval: when it stays far below the forwarder's, the receiver is not what limits. {@code startMillis} is exec
 * → ready (sluice: its "listening on" line), {@code startRssMb} the resident memory then. {@code busiestThreads}
 * says where the forwarder's CPU went during the measured interval.
 */
record RunResult(String system, Combination combination, int records, long received, long lost, long duplicates,
                 double recordsPerSecond, double cpuSecondsPerMillion, double runCpuSeconds,
                 double receiverCpuSecondsPerMillion, double startMillis, double startRssMb, double peakRssMb,
                 double delayMillis, double loadBefore, double loadAfter, Path log, String note,
                 String busiestThreads) {

    static String header() {
        return String.format("%-8s %-10s %5s %7s %-9s %11s %8s %9s %9s %8s %8s %8s %6s %4s %8s %11s  %s", "system",
                "format", "flush", "confirm", "storage", "records/s", "run-cpu", "cpu-s/M", "rcv-cpu/M", "start-ms",
                "startRSS", "peakRSS", "lost", "dup", "delay-ms", "load(b/a)", "log");
    }

    String row() {
        return String.format("%-8s %-10s %5s %7s %-9s %,11.0f %7.2fs %9.2f %9.2f %8.0f %6.1fMB %6.1fMB %6d %4d %8.0f"
                        + " %5.2f/%-5.2f  %s%s",
                system, combination.format(), combination.flush(), combination.confirm() ? "on" : "off",
                combination.storage().label(), recordsPerSecond, runCpuSeconds, cpuSecondsPerMillion,
                receiverCpuSecondsPerMillion, startMillis, startRssMb, peakRssMb, lost, duplicates, delayMillis,
                loadBefore, loadAfter, log,
                note.isEmpty() ? "" : "  (" + note + ")");
    }
}
