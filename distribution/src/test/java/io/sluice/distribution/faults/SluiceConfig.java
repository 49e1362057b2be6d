package io.sluice.distribution.faults;

import io.sluice.distribution.support.SluiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A classic configuration for fault tests: one {@code tcp} input into one {@code websocket} output, with a short Flush
 * and a short retry backoff ({@code scheduler.base 1}, {@code scheduler.cap 2}) so retries happen within seconds.
 * Setters override or add keys of each section.
 */
final class SluiceConfig {

    private final Map<String, String> service = new LinkedHashMap<>();
    private final Map<String, String> input = new LinkedHashMap<>();
    private final Map<String, String> output = new LinkedHashMap<>();

    private SluiceConfig(int tcpPort, int wsPort) {
        service.put("Flush", "0.2");
        service.put("Grace", "5");
        service.put("Log_Level", "info");
        service.put("scheduler.base", "1");
        service.put("scheduler.cap", "2");
        input.put("Name", "tcp");
        input.put("Listen", "127.0.0.1");
        input.put("Port", Integer.toString(tcpPort));
        input.put("Tag", "numbered");
        output.put("Name", "websocket");
        output.put("Match", "*");
        output.put("Host", "127.0.0.1");
        output.put("Port", Integer.toString(wsPort));
        output.put("URI", "/ingest");
        output.put("Format", "json_lines");
        output.put("net.connect_timeout", "2");
        output.put("confirm_timeout", "2s");
    }

    /** Writes {@code config} to {@code dir/sluice.conf}, starts sluice on it and waits until the tcp input listens. */
    static SluiceProcess startListening(Path dir, SluiceConfig config) throws IOException, InterruptedException {
        return SluiceProcess.startListening(Files.writeString(dir.resolve("sluice.conf"), config.text()));
    }

    /** tcp on {@code tcpPort} to websocket on {@code wsPort}, Format json_lines, Retry_Limit 1 (the default). */
    static SluiceConfig tcpToWebSocket(int tcpPort, int wsPort) {
        return new SluiceConfig(tcpPort, wsPort);
    }

    SluiceConfig service(String key, Object value) {
        service.put(key, value.toString());
        return this;
    }

    SluiceConfig input(String key, Object value) {
        input.put(key, value.toString());
        return this;
    }

    SluiceConfig output(String key, Object value) {
        output.put(key, value.toString());
        return this;
    }

    /** {@code Retry_Limit no_limits}: nothing is given up while the server is away. */
    SluiceConfig unlimitedRetries() {
        return output("Retry_Limit", "no_limits");
    }

    /** The monitoring API on 127.0.0.1:{@code port}. */
    SluiceConfig monitoring(int port) {
        return service("HTTP_Server", "On").service("HTTP_Listen", "127.0.0.1").service("HTTP_Port", port);
    }

    /** Dead letters: chunks given up are written under {@code storage/rejected}. */
    SluiceConfig keepRejected(Path storage) {
        return service("storage.path", storage).service("storage.keep.rejected", "on");
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        section(sb, "SERVICE", service);
        section(sb, "INPUT", input);
        section(sb, "OUTPUT", output);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String name, Map<String, String> keys) {
        sb.append('[').append(name).append("]\n");
        keys.forEach((k, v) -> sb.append("    ").append(k).append(' ').append(v).append('\n'));
    }

    @Override
    public String toString() {
        return text();
    }
}
