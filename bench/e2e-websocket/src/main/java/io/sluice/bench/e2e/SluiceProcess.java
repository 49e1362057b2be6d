package io.sluice.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher ({@code bin/sluice -c conf}) as a child process with the launcher's own JVM options. Its
 * output goes straight to a log file (no pipes to drain, nothing kept in memory). The launcher execs java, so the
 * child's pid is the JVM's.
 */
final class SluiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on [^\\s:]+:(\\d+)");

    private final Process process;
    private final Path log;

    private SluiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SluiceProcess start(Path home, Path config, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/sluice").toString(), "-c", config.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new SluiceProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits for the tcp input's "listening on host:port" line and returns the port. */
    int awaitListening(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("sluice exited with status " + process.exitValue() + " before listening; see "
                        + log);
            }
            Thread.sleep(20);
        }
        throw new IOException("sluice did not log 'listening on' within " + timeoutMillis + " ms; see " + log);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM through the process handle (Process.destroy would close pipes), then SIGKILL if it hangs. */
    @Override
    public void close() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        if (handle.isAlive()) {
            handle.destroy();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            System.err.println("sluice did not stop within 30 s of SIGTERM; killing it (pid " + pid() + ")");
            handle.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
