package io.sluice.distribution.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A classic configuration file: a {@code [SERVICE]} section and any number of {@code [INPUT]}, {@code [FILTER]} and
 * {@code [OUTPUT]} sections, each key in the order first set. Every port it writes is 0 unless a test sets one: the
 * tests read the bound ports from sluice's log. Written atomically, so a reload never reads half a file.
 */
public final class ClassicConfig {

    private final Section service = new Section("SERVICE");
    private final List<Section> sections = new ArrayList<>();

    /** One section: its kind and its keys, in order; a key may be given more than once ({@link #add}). */
    public static final class Section {
        private final String kind;
        private final List<Map.Entry<String, String>> keys = new ArrayList<>();

        private Section(String kind) {
            this.kind = kind;
        }

        /** Sets a key: overrides its value where it is already given, else adds it at the end. */
        public Section set(String key, Object value) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).getKey().equals(key)) {
                    keys.set(i, Map.entry(key, value.toString()));
                    return this;
                }
            }
            return add(key, value);
        }

        /** Adds a key at the end even when it is already given (e.g. a filter's second {@code Wildcard}). */
        public Section add(String key, Object value) {
            keys.add(Map.entry(key, value.toString()));
            return this;
        }

        /** {@code Retry_Limit no_limits}: nothing is given up while the server is away. */
        public Section unlimitedRetries() {
            return set("Retry_Limit", "no_limits");
        }

        private void appendTo(StringBuilder sb) {
            sb.append('[').append(kind).append("]\n");
            keys.forEach(e -> sb.append("    ").append(e.getKey()).append(' ').append(e.getValue()).append('\n'));
            sb.append('\n');
        }
    }

    /** A configuration with nothing set. */
    public static ClassicConfig empty() {
        return new ClassicConfig();
    }

    /** A short Flush, a short Grace and a short retry backoff ({@code scheduler.base 1}, {@code scheduler.cap 2}). */
    public static ClassicConfig quick() {
        return empty().service("Flush", "0.2").service("Grace", "5").service("Log_Level", "info")
                .service("scheduler.base", "1").service("scheduler.cap", "2");
    }

    /**
     * {@link #quick()} with one tcp input (port 0, tag {@code numbered}) into one websocket output to
     * {@code 127.0.0.1:wsPort/ingest}, Format json_lines, the default {@code Retry_Limit} (1).
     */
    public static ClassicConfig tcpToWebSocket(int wsPort) {
        ClassicConfig config = quick();
        config.addTcpInput().set("Tag", "numbered");
        config.addWebSocketOutput("*", wsPort, "/ingest");
        return config;
    }

    public ClassicConfig service(String key, Object value) {
        service.set(key, value);
        return this;
    }

    /** Sets a key of the first {@code [INPUT]} section. */
    public ClassicConfig input(String key, Object value) {
        first("INPUT").set(key, value);
        return this;
    }

    /** Sets a key of the first {@code [OUTPUT]} section. */
    public ClassicConfig output(String key, Object value) {
        first("OUTPUT").set(key, value);
        return this;
    }

    /** {@code Retry_Limit no_limits} on the first output. */
    public ClassicConfig unlimitedRetries() {
        first("OUTPUT").unlimitedRetries();
        return this;
    }

    /** The monitoring API on 127.0.0.1 at a port the system picks ({@link SluiceProcess#httpPort()} reads it). */
    public ClassicConfig monitoring() {
        return service("HTTP_Server", "On").service("HTTP_Listen", "127.0.0.1").service("HTTP_Port", "0");
    }

    /** Chunks kept under {@code storage}, and the first input buffering in files there. */
    public ClassicConfig storage(Path storage) {
        service("storage.path", storage);
        return input("storage.type", "filesystem");
    }

    /** Dead letters: chunks given up are written under {@code storage/rejected}. */
    public ClassicConfig keepRejected(Path storage) {
        return service("storage.path", storage).service("storage.keep.rejected", "on");
    }

    public Section addInput(String plugin) {
        return add("INPUT", plugin);
    }

    public Section addFilter(String plugin) {
        return add("FILTER", plugin);
    }

    public Section addOutput(String plugin) {
        return add("OUTPUT", plugin);
    }

    /** A tcp input on 127.0.0.1, port 0 ({@link SluiceProcess#tcpPort()} reads the one bound). */
    public Section addTcpInput() {
        return addInput("tcp").set("Listen", "127.0.0.1").set("Port", 0);
    }

    /** A websocket output to the fake server at {@code 127.0.0.1:port}{@code uri}, json_lines, short timeouts. */
    public Section addWebSocketOutput(String match, int port, String uri) {
        return addOutput("websocket").set("Match", match).set("Host", "127.0.0.1").set("Port", port)
                .set("URI", uri).set("Format", "json_lines").set("net.connect_timeout", "2")
                .set("confirm_timeout", "2s");
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        service.appendTo(sb);
        sections.forEach(s -> s.appendTo(sb));
        return sb.toString();
    }

    /** Writes the file as a whole: a reader sees the old content or the new one, never a mix. */
    public Path writeTo(Path file) throws IOException {
        return write(file, text());
    }

    /** Writes {@code text} to {@code file} atomically (a temporary file moved over the old one). */
    public static Path write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Section add(String kind, String plugin) {
        Section s = new Section(kind).set("Name", plugin);
        sections.add(s);
        return s;
    }

    private Section first(String kind) {
        return sections.stream().filter(s -> s.kind.equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no [" + kind + "] section yet:\n" + text()));
    }

    @Override
    public String toString() {
        return text();
    }
}
