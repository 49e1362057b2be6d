package io.sluice.bench.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/sluice -c config} as a user starts it, timed from just before the launch to the moment its log says the
 * tcp input listens; resident memory read from {@code /proc/<pid>/status}.
 */
final class Launch implements AutoCloseable {

    private static final String LISTENING = "[input:tcp:tcp.0] listening on";
    /** Logged once the backlog is listed (on its own thread, while the inputs already run). */
    private static final Pattern BACKLOG_LISTED = Pattern.compile("backlog: (\\d+) chunk files \\(");

    private final Process process;
    private final long launchedNanos;
    private final CountDownLatch listening = new CountDownLatch(1);
    private final List<String> log = new ArrayList<>();
    private volatile long listeningNanos;
    private volatile long listedNanos;
    private volatile long listedFiles = -1;

    private Launch(Process process, long launchedNanos) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        Thread reader = new Thread(this::read, "sluice-log");
        reader.setDaemon(true);
        reader.start();
        Thread out = new Thread(() -> {
            try {
                process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // ended
            }
        }, "sluice-stdout");
        out.setDaemon(true);
        out.start();
    }

    static Launch start(Path dist, Path config) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/sluice").toString(), "-c", config.toString())
                .directory(dist.toFile());
        long t0 = System.nanoTime();
        return new Launch(pb.start(), t0);
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (listeningNanos == 0 && line.contains(LISTENING)) {
                    listeningNanos = System.nanoTime();
                    listening.countDown();
                }
                Matcher listed = BACKLOG_LISTED.matcher(line);
                if (listedNanos == 0 && listed.find()) {
                    listedFiles = Long.parseLong(listed.group(1));
                    listedNanos = System.nanoTime();
                }
                synchronized (log) {
                    log.add(line);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Milliseconds from launch to the tcp input's "listening on" line; fails after {@code timeoutSeconds}. */
    double awaitListening(int timeoutSeconds) throws InterruptedException {
        if (!listening.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no '" + LISTENING + "' within " + timeoutSeconds + " s; alive="
                    + process.isAlive() + "\n" + String.join("\n", tail()));
        }
        return (listeningNanos - launchedNanos) / 1e6;
    }

    /**
     * Milliseconds from launch to the log line saying the backlog is listed ("backlog: N chunk files (…"), -1 before
     * it (or when there is no backlog).
     */
    double listedMillis() {
        long at = listedNanos;
        return at == 0 ? -1 : (at - launchedNanos) / 1e6;
    }

    /** The chunk files that line counted, -1 before it. */
    long listedFiles() {
        return listedFiles;
    }

    /** Milliseconds since launch. */
    double sinceLaunchMillis() {
        return (System.nanoTime() - launchedNanos) / 1e6;
    }

    /** Resident memory in kB now, -1 once the process is gone. */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException gone) {
            return -1;
        }
        return -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> tail() {
        synchronized (log) {
            return List.copyOf(log.subList(Math.max(0, log.size() - 30), log.size()));
        }
    }

    /** Sends SIGTERM and waits for the exit; returns its status. */
    int stop() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
