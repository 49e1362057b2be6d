package io.sluice.bench.e2e;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The forwarder under test as a child process, its output appended to a log file (no pipes to drain): sluice through
 * its real launcher ({@code bin/sluice -c conf}, which execs java, so the child's pid is the JVM's), or any other
 * forwarder's command line run as {@code sh -c 'exec COMMAND'}. Ready means: for sluice, the tcp input's
 * "listening on host:port" line; for another forwarder, its tcp port accepting a connection. The start-up time is
 * from just before the process is created to that moment, polled every 2 ms.
 */
final class ForwarderProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on [^\\s:]+:(\\d+)");

    /** When the forwarder was ready: its tcp port, the start-up time and its resident memory then. */
    record Ready(int tcpPort, double startMillis, double rssMb) {
    }

    private final Process process;
    private final Path log;
    private final long startNanos;
    private final int knownPort;
    private final Path storagePath;

    private ForwarderProcess(Process process, Path log, long startNanos, int knownPort, Path storagePath) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
        this.knownPort = knownPort;
        this.storagePath = storagePath;
    }

    /**
     * {@code home/bin/sluice -c config} with {@code env} added to the environment; {@code storagePath} (null in
     * memory) is the run's storage folder, deleted on {@link #close}.
     */
    static ForwarderProcess sluice(Path home, Map<String, String> env, Path config, Path log, Path storagePath)
            throws IOException {
        return start(List.of(home.resolve("bin/sluice").toString(), "-c", config.toString()), env, log, -1,
                storagePath);
    }

    /** {@code sh -c 'exec command'}; the command listens on {@code tcpPort}. */
    static ForwarderProcess command(String command, int tcpPort, Path log, Path storagePath) throws IOException {
        return start(List.of("/bin/sh", "-c", "exec " + command), Map.of(), log, tcpPort, storagePath);
    }

    private static ForwarderProcess start(List<String> command, Map<String, String> env, Path log, int knownPort,
                                          Path storagePath) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long startNanos = System.nanoTime();
        try {
            return new ForwarderProcess(builder.start(), log, startNanos, knownPort, storagePath);
        } catch (IOException | RuntimeException e) {
            Storage.delete(storagePath);
            throw e;
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits until the forwarder is ready (see the class comment). */
    Ready awaitReady(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long offset = 0;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            int port = -1;
            if (knownPort > 0) {
                if (accepts(knownPort)) {
                    port = knownPort;
                }
            } else {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    long length = file.length();
                    if (length > offset) {
                        byte[] bytes = new byte[(int) (length - offset)];
                        file.seek(offset);
                        file.readFully(bytes);
                        offset = length;
                        seen.append(new String(bytes, StandardCharsets.UTF_8));
                        Matcher m = LISTENING.matcher(seen);
                        if (m.find()) {
                            port = Integer.parseInt(m.group(1));
                        }
                    }
                }
            }
            if (port > 0) {
                double millis = (System.nanoTime() - startNanos) / 1e6;
                return new Ready(port, millis, ProcStats.rssKb(pid()) / 1024.0);
            }
            if (!process.isAlive()) {
                throw new IOException("the forwarder exited with status " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            Thread.sleep(2);
        }
        throw new IOException("the forwarder was not ready within " + timeoutMillis + " ms; see " + log);
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Files under the run's storage folder now (sluice: chunk files not yet deleted, so 0 once everything is
     * delivered and marked done); 0 in memory.
     */
    long storedFiles() throws IOException {
        if (storagePath == null) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(storagePath)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /**
     * SIGTERM through the process handle (Process.destroy would close pipes), then SIGKILL if it hangs; then the
     * run's storage folder is deleted.
     */
    @Override
    public void close() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        if (handle.isAlive()) {
            handle.destroy();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            System.err.println("the forwarder did not stop within 30 s of SIGTERM; killing it (pid " + pid() + ")");
            handle.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Storage.delete(storagePath);
    }
}
