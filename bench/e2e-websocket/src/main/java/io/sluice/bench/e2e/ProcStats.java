package io.sluice.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and peak resident memory of a process, read from /proc (Linux, 100 clock ticks per second). CPU counts
 * the process and its living descendants, so a forwarder started through a wrapper that does not exec is still
 * measured whole; memory is the process's own.
 */
record ProcStats(long cpuTicks, long peakRssKb) {

    static ProcStats of(long pid) throws IOException {
        long ticks = cpuTicks(pid);
        ticks += ProcessHandle.of(pid).map(h -> h.descendants().mapToLong(d -> {
            try {
                return cpuTicks(d.pid());
            } catch (IOException | RuntimeException e) {
                return 0;   // it ended meanwhile
            }
        }).sum()).orElse(0L);
        return new ProcStats(ticks, status(pid, "VmHWM:"));
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which may contain spaces: state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The resident memory of {@code pid} now, in kB; -1 if it cannot be read. */
    static long rssKb(long pid) {
        try {
            return status(pid, "VmRSS:");
        } catch (IOException e) {
            return -1;
        }
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        return -1;
    }

    /** CPU ticks (user + system) of this JVM so far. */
    static long ownCpuTicks() throws IOException {
        return cpuTicks(ProcessHandle.current().pid());
    }

    /** The 1-minute load average of the machine. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
