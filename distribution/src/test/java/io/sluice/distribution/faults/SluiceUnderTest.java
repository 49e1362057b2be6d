package io.sluice.distribution.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real launcher run as a process on a configuration file: its log (stderr) collected line by line for waiting
 * on, its /proc figures, SIGTERM through the process handle. Closing kills it if it still runs.
 */
final class SluiceUnderTest implements AutoCloseable {

    static final Path DIST = Path.of(System.getProperty("sluice.dist", "target/sluice")).toAbsolutePath();
    private static final int TAIL_LINES = 60;

    private final Process process;
    private final List<String> log = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private SluiceUnderTest(Process process) {
        this.process = process;
        // stdout carries nothing in these tests (no stdout output) but must be drained all the same
        outReader = pump(process.getInputStream(), log, "sluice-stdout");
        errReader = pump(process.getErrorStream(), log, "sluice-stderr");
    }

    /** Writes {@code config} to {@code dir/sluice.conf} and starts {@code bin/sluice -c} on it. */
    static SluiceUnderTest start(Path dir, SluiceConfig config) throws IOException {
        Path file = Files.writeString(dir.resolve("sluice.conf"), config.text());
        ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/sluice").toString(), "-c", file.toString())
                .directory(DIST.toFile());
        return new SluiceUnderTest(builder.start());
    }

    /** Starts it and waits until the tcp input listens. */
    static SluiceUnderTest startListening(Path dir, SluiceConfig config) throws IOException, InterruptedException {
        SluiceUnderTest sluice = start(dir, config);
        try {
            sluice.awaitLog(l -> l.contains("listening on"), Duration.ofSeconds(30));
        } catch (AssertionError | InterruptedException e) {
            sluice.close();
            throw e;
        }
        return sluice;
    }

    /** The first log line from the start that matches; fails after {@code timeout} showing the end of the log. */
    String awaitLog(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            int seen = 0;
            while (true) {
                for (; seen < log.size(); seen++) {
                    if (match.test(log.get(seen))) {
                        return log.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching log line within " + timeout + "; alive="
                            + process.isAlive() + "\n" + tail());
                }
                log.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Every log line so far. */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Log lines that contain {@code text}. */
    List<String> logLinesWith(String text) {
        return log().stream().filter(l -> l.contains(text)).toList();
    }

    /** The last lines of the log, for failure messages. */
    String tail() {
        List<String> lines = log();
        return "last log lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES),
                lines.size()));
    }

    /** The port the tcp input reports it listens on. */
    int tcpPort() {
        String line = logLinesWith("listening on").get(0);
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The process's threads, open file descriptors and resident memory now. */
    ProcessFigures figures() {
        return ProcessFigures.of(process.pid());
    }

    /** Sends SIGTERM, as a service manager would (through the handle, so our pipes stay open). */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the exit (at most {@code timeout}) and for the whole log to be read; returns the exit code. */
    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("sluice did not exit within " + timeout + "\n" + tail());
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        outReader.join(5000);
        errReader.join(5000);
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
