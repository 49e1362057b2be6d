package io.sluice.distribution.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A process's threads ({@code Threads:}), resident memory ({@code VmRSS:}) from {@code /proc/<pid>/status} and its
 * open file descriptors (entries of {@code /proc/<pid>/fd}), as a user would read them.
 */
record ProcessFigures(int threads, int fds, long rssKb) {

    static ProcessFigures of(long pid) {
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
            return new ProcessFigures(threads, fds, rss);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + " (has the process ended?)", e);
        }
    }

    long rssMb() {
        return rssKb / 1024;
    }

    @Override
    public String toString() {
        return threads + " threads, " + fds + " fds, " + rssMb() + " MB resident";
    }
}
