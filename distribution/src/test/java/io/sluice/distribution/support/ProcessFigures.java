package io.sluice.distribution.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A process's threads ({@code Threads:}), resident memory ({@code VmRSS:}) from {@code /proc/<pid>/status}, its open
 * file descriptors (entries of {@code /proc/<pid>/fd}) and the CPU ticks it has used (user + system, from
 * {@code /proc/<pid>/stat}), as a user would read them.
 */
public record ProcessFigures(int threads, int fds, long rssKb, long cpuTicks) {

    public static ProcessFigures of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            int threads = -1;
            long rss = -1;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring(8).trim());
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
            int fds;
            try (Stream<Path> entries = Files.list(proc.resolve("fd"))) {
                fds = (int) entries.count();
            }
            String stat = Files.readString(proc.resolve("stat"));
            // fields after the command name, which is in parentheses and may itself hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return new ProcessFigures(threads, fds, rss, cpu);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + " (has the process ended?)", e);
        }
    }

    public long rssMb() {
        return rssKb / 1024;
    }

    @Override
    public String toString() {
        return threads + " threads, " + fds + " fds, " + rssMb() + " MB resident, " + cpuTicks + " CPU ticks";
    }
}
