package io.sluice.distribution.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classic configuration file for the operations tests: a {@code [SERVICE]} section and any number of
 * {@code [INPUT]} and {@code [OUTPUT]} sections, each key in the order set. Written atomically (a temporary file moved
 * over the old one), so a reload never reads half a file.
 */
final class OpsConfig {

    private final Map<String, String> service = new LinkedHashMap<>();
    private final List<Section> sections = new ArrayList<>();

    /** One section: its name and its keys. */
    record Section(String name, Map<String, String> keys) {
        Section set(String key, Object value) {
            keys.put(key, value.toString());
            return this;
        }
    }

    /** A configuration with a short Flush, a short Grace and a short retry backoff. */
    static OpsConfig quick() {
        OpsConfig config = new OpsConfig();
        config.service("Flush", "0.2").service("Grace", "5").service("Log_Level", "info")
                .service("scheduler.base", "1").service("scheduler.cap", "2");
        return config;
    }

    /** The monitoring API on 127.0.0.1 at a port the system picks (read back from the log). */
    OpsConfig monitoring() {
        return service("HTTP_Server", "On").service("HTTP_Listen", "127.0.0.1").service("HTTP_Port", "0");
    }

    OpsConfig service(String key, Object value) {
        service.put(key, value.toString());
        return this;
    }

    /** A tcp input on 127.0.0.1 at {@code port} (0: the system picks one) with {@code tag}. */
    Section tcpInput(int port, String tag) {
        return input("tcp").set("Listen", "127.0.0.1").set("Port", port).set("Tag", tag);
    }

    /** A websocket output to the fake server at {@code 127.0.0.1:port}{@code uri}, json_lines, unlimited retries. */
    Section websocketOutput(String match, int port, String uri) {
        return output("websocket").set("Match", match).set("Host", "127.0.0.1").set("Port", port).set("URI", uri)
                .set("Format", "json_lines").set("net.connect_timeout", "2").set("confirm_timeout", "2s")
                .set("Retry_Limit", "no_limits");
    }

    Section input(String plugin) {
        return add("INPUT", plugin);
    }

    Section output(String plugin) {
        return add("OUTPUT", plugin);
    }

    private Section add(String kind, String plugin) {
        Section s = new Section(kind, new LinkedHashMap<>());
        s.set("Name", plugin);
        sections.add(s);
        return s;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        append(sb, "SERVICE", service);
        for (Section s : sections) {
            append(sb, s.name(), s.keys());
        }
        return sb.toString();
    }

    /** Writes the file as a whole: a reader sees the old content or the new one, never a mix. */
    Path writeTo(Path file) throws IOException {
        return write(file, text());
    }

    static Path write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void append(StringBuilder sb, String name, Map<String, String> keys) {
        sb.append('[').append(name).append("]\n");
        keys.forEach((k, v) -> sb.append("    ").append(k).append(' ').append(v).append('\n'));
        sb.append('\n');
    }

    @Override
    public String toString() {
        return text();
    }
}
