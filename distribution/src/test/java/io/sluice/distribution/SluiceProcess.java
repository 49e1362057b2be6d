package io.sluice.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real launcher run as a process: its stdout and stderr are collected line by line, and tests wait on them with
 * deadlines. Always closed by the test, which kills the process if it is still running.
 */
final class SluiceProcess implements AutoCloseable {

    static final Path DIST = Path.of(System.getProperty("sluice.dist", "target/sluice")).toAbsolutePath();

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private SluiceProcess(Process process) {
        this.process = process;
        outReader = pump(process.getInputStream(), stdout, "sluice-stdout");
        errReader = pump(process.getErrorStream(), stderr, "sluice-stderr");
    }

    /** Starts {@code bin/sluice args...} from {@code workDir} with extra environment variables. */
    static SluiceProcess start(Path launcher, Path workDir, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(env);
        return new SluiceProcess(builder.start());
    }

    /** Starts the distribution's launcher with {@code args} from the distribution folder. */
    static SluiceProcess start(String... args) throws IOException {
        return start(DIST.resolve("bin/sluice"), DIST, Map.of(), args);
    }

    /** Runs to completion (at most {@code timeout}) and returns the exit code. */
    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("sluice did not exit within " + timeout + "; stderr: " + stderr());
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    /** Waits until a line of stderr (the log) matches, or fails after {@code timeout} showing the log. */
    String awaitLog(Predicate<String> match, Duration timeout) throws InterruptedException {
        return await(stderr, match, timeout, "log line");
    }

    /** Waits until a line of stdout matches, or fails after {@code timeout}. */
    String awaitStdout(Predicate<String> match, Duration timeout) throws InterruptedException {
        return await(stdout, match, timeout, "stdout line");
    }

    private String await(List<String> lines, Predicate<String> match, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching " + what + " within " + timeout + "; alive="
                            + process.isAlive() + "\nstdout:\n" + String.join("\n", stdout())
                            + "\nstderr:\n" + String.join("\n", stderr()));
                }
                lines.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM, as a service manager would (through the handle: Process.destroy() would close our pipes). */
    void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Thread pump(InputStream in, List<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (sink) {
                        sink.add(line);
                        sink.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
