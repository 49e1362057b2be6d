package io.sluice.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and peak resident memory of a process, read from /proc (Linux, 100 clock ticks per second). */
record ProcStats(long cpuTicks, long peakRssKb) {

    static ProcStats of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which may contain spaces: state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long hwm = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        }
        return new ProcStats(ticks, hwm);
    }

    /** CPU ticks (user + system) of this JVM so far. */
    static long ownCpuTicks() throws IOException {
        return of(ProcessHandle.current().pid()).cpuTicks();
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
