package io.sluice.bench.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU ticks of a process's threads by name, from /proc/<pid>/task/<tid>/stat, so a run can say where sluice's CPU
 * went: the tcp reader, the flush workers, the JIT compilers, the collector (SerialGC collects in "VM Thread").
 * Thread names are the kernel's, cut to 15 characters; numbers are folded so that workers add up.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    static Map<String, Long> snapshot(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended between listing and reading: its ticks are simply not counted.
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /** "name seconds" for the threads that used the most CPU between two snapshots, busiest first. */
    static String busiest(Map<String, Long> before, Map<String, Long> after, int limit) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(limit)
                .map(e -> String.format("%s %.2fs", e.getKey(), e.getValue() / 100.0))
                .collect(Collectors.joining(", "));
    }
}
