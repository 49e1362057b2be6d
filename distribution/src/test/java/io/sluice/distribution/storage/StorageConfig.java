package io.sluice.distribution.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A classic configuration for the durable-buffering tests: one {@code tcp} input with {@code storage.type filesystem}
 * into one {@code websocket} output, the monitoring API on, every port 0 (the tests read the bound ports from the
 * log), unlimited retries with a short backoff, so nothing is given up while the server is away. Setters override or
 * add keys of each section.
 */
final class StorageConfig {

    private final Map<String, String> service = new LinkedHashMap<>();
    private final Map<String, String> input = new LinkedHashMap<>();
    private final Map<String, String> output = new LinkedHashMap<>();

    private StorageConfig(Path storage, int wsPort) {
        service.put("Flush", "0.2");
        service.put("Grace", "2");
        service.put("Log_Level", "info");
        service.put("scheduler.base", "1");
        service.put("scheduler.cap", "2");
        service.put("HTTP_Server", "On");
        service.put("HTTP_Listen", "127.0.0.1");
        service.put("HTTP_Port", "0");
        service.put("storage.path", storage.toString());
        input.put("Name", "tcp");
        input.put("Listen", "127.0.0.1");
        input.put("Port", "0");
        input.put("Tag", "numbered");
        input.put("storage.type", "filesystem");
        output.put("Name", "websocket");
        output.put("Match", "*");
        output.put("Host", "127.0.0.1");
        output.put("Port", Integer.toString(wsPort));
        output.put("URI", "/ingest");
        output.put("Format", "json_lines");
        output.put("Retry_Limit", "no_limits");
        output.put("net.connect_timeout", "2");
        output.put("confirm_timeout", "2s");
    }

    /** tcp (port 0, filesystem buffering under {@code storage}) to websocket on {@code wsPort}. */
    static StorageConfig tcpToWebSocket(Path storage, int wsPort) {
        return new StorageConfig(storage, wsPort);
    }

    StorageConfig service(String key, Object value) {
        service.put(key, value.toString());
        return this;
    }

    StorageConfig input(String key, Object value) {
        input.put(key, value.toString());
        return this;
    }

    StorageConfig output(String key, Object value) {
        output.put(key, value.toString());
        return this;
    }

    /** Writes the configuration to {@code file} and returns it. */
    Path writeTo(Path file) throws IOException {
        return Files.writeString(file, text());
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
