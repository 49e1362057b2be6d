package io.sluice.input.cpu;

import io.sluice.testkit.TestInputContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fake {@code /proc} in a temporary folder. Files are rewritten in place (truncate and write, same inode), as the
 * input keeps them open between readings the way it keeps procfs files open.
 */
final class ProcFixture {

    private final Path root;

    ProcFixture(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Writes {@code /proc/stat} with the given cpu lines followed by the usual non-cpu lines. */
    ProcFixture stat(String... cpuLines) {
        write(root.resolve("stat"), String.join("\n", cpuLines) + "\nintr 135998 0 0 1\nctxt 342686\nbtime 1764290000\n");
        return this;
    }

    /** Writes {@code /proc/stat} for two cores that stay idle. */
    ProcFixture idleTwoCores(long idle) {
        return stat("cpu  100 0 50 " + 2 * idle + " 0 0 0 0 0 0",
                "cpu0 50 0 25 " + idle + " 0 0 0 0 0 0",
                "cpu1 50 0 25 " + idle + " 0 0 0 0 0 0");
    }

    /** Writes {@code /proc/PID/stat} for a process named {@code comm} with the given utime and stime. */
    ProcFixture process(int pid, String comm, long utime, long stime) {
        String line = pid + " (" + comm + ") S 1 " + pid + " " + pid + " 0 -1 4194560 2000 0 12 0 "
                + utime + " " + stime + " 0 0 20 0 3 0 51301 3133440 413 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0"
                + " 17 1 0 0 0 0 0\n";
        write(processStat(pid), line);
        return this;
    }

    /** Empties {@code /proc/PID/stat}, which reads like a process that exited (procfs then fails every read). */
    ProcFixture processGone(int pid) {
        write(processStat(pid), "");
        return this;
    }

    private Path processStat(int pid) {
        return root.resolve(Integer.toString(pid)).resolve("stat");
    }

    CpuInput input(TestInputContext context) {
        return new CpuInput(context, CpuSettings.from(context.config()), root.toFile());
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
