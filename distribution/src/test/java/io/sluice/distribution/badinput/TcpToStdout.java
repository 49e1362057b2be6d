package io.sluice.distribution.badinput;

import static org.awaitility.Awaitility.await;

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
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher running {@code tcp → stdout} (json_lines) with the monitoring API on, both on free ports of
 * 127.0.0.1: the records it prints are counted per sender, its log lines kept. (The distribution package's own
 * process class is package-private, so this one starts the launcher itself.) Closing it kills the process.
 */
final class TcpToStdout implements AutoCloseable {

    private static final Path DIST = Path.of(System.getProperty("sluice.dist", "target/sluice")).toAbsolutePath();
    private static final Pattern TCP_PORT = Pattern.compile("\\[input:tcp:tcp\\.0] listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("\\[http_server] listening on 127\\.0\\.0\\.1:(\\d+)");

    final ReceivedRecords received = new ReceivedRecords();
    private final List<String> log = new ArrayList<>();
    private final Process process;
    private final Thread[] pumps;
    final int tcpPort;
    final MonitoringApi api;

    private TcpToStdout(Path config) throws IOException {
        process = new ProcessBuilder(DIST.resolve("bin/sluice").toString(), "-c", config.toString())
                .directory(DIST.toFile()).start();
        pumps = new Thread[] {
            pump(process.getInputStream(), received::accept, "sluice-stdout"),
            pump(process.getErrorStream(), this::addLog, "sluice-stderr")};
        try {
            tcpPort = Integer.parseInt(awaitLog(TCP_PORT));
            api = new MonitoringApi(Integer.parseInt(awaitLog(HTTP_PORT)));
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        }
    }

    /** Starts sluice with the tcp input's extra settings {@code tcpSettings} (e.g. {@code "Buffer_Size 4"}). */
    static TcpToStdout start(Path dir, String... tcpSettings) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "[SERVICE]", "    Flush 0.2", "    Grace 1",
                "    HTTP_Server on", "    HTTP_Listen 127.0.0.1", "    HTTP_Port 0",
                "[INPUT]", "    Name tcp", "    Listen 127.0.0.1", "    Port 0"));
        for (String s : tcpSettings) {
            lines.add("    " + s);
        }
        lines.addAll(List.of("[OUTPUT]", "    Name stdout", "    Match *", "    Format json_lines", ""));
        return new TcpToStdout(Files.writeString(Files.createTempFile(dir, "sluice", ".conf"),
                String.join("\n", lines)));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** How many log lines so far contain {@code text}. */
    long logLinesContaining(String text) {
        return log().stream().filter(l -> l.contains(text)).count();
    }

    /** Log lines at error level, or telling of an exception: there should be none, whatever the input. */
    List<String> errorLines() {
        return log().stream().filter(l -> l.contains("[error]") || l.contains("Exception")).toList();
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private void addLog(String line) {
        synchronized (log) {
            log.add(line);
        }
    }

    private String awaitLog(Pattern pattern) {
        String[] found = new String[1];
        Predicate<String> matches = l -> {
            Matcher m = pattern.matcher(l);
            if (m.find()) {
                found[0] = m.group(1);
                return true;
            }
            return false;
        };
        await("sluice to log " + pattern).atMost(Duration.ofSeconds(30))
                .until(() -> !process.isAlive() || log().stream().anyMatch(matches));
        if (found[0] == null) {
            throw new AssertionError("sluice exited before logging " + pattern + ":\n" + String.join("\n", log()));
        }
        return found[0];
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        for (Thread t : pumps) {
            t.join(5000);
        }
    }

    private void kill() {
        try {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
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
