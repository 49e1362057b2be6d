package io.sluice.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** One reading of a process's {@code /proc/<pid>/status} (VmRSS, Threads) and {@code /proc/<pid>/fd}. */
record ProcSample(long seconds, long rssKb, int threads, int fds) {

    static ProcSample read(long pid, long seconds) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long rss = -1;
        int threads = -1;
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.substring(6).replace("kB", "").trim());
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.substring(8).trim());
            }
        }
        try (Stream<Path> fd = Files.list(proc.resolve("fd"))) {
            return new ProcSample(seconds, rss, threads, (int) fd.count());
        }
    }

    String csv() {
        return seconds + "," + rssKb + "," + threads + "," + fds;
    }
}
