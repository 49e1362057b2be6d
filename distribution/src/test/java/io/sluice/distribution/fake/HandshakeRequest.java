package io.sluice.distribution.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The opening HTTP request of one connection, as the fake server received it.
 *
 * @param connectionId the connection it came on
 * @param requestLine  e.g. {@code GET /logs HTTP/1.1}
 * @param headers      every header line in order, as {@code name: value} pairs with names as sent
 * @param receivedAt   when its last byte arrived
 */
public record HandshakeRequest(int connectionId, String requestLine, List<Header> headers, Instant receivedAt) {

    /** One header line. */
    public record Header(String name, String value) {
    }

    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    public HandshakeRequest {
        headers = List.copyOf(headers);
    }

    /** The request target, e.g. {@code /logs}. */
    public String path() {
        String[] parts = requestLine.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    /** The first value of a header (names compared case-insensitively), or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Every value of a header, in order. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** Why this is not a valid RFC 6455 opening handshake, or null when it is. */
    public String problem() {
        if (!requestLine.startsWith("GET ") || !requestLine.endsWith(" HTTP/1.1")) {
            return "request line is not 'GET <path> HTTP/1.1': " + requestLine;
        }
        if (header("Host") == null) {
            return "no Host header";
        }
        if (!hasToken(header("Upgrade"), "websocket")) {
            return "Upgrade header is not websocket";
        }
        if (!hasToken(header("Connection"), "upgrade")) {
            return "Connection header has no Upgrade token";
        }
        if (!"13".equals(trimmed(header("Sec-WebSocket-Version")))) {
            return "Sec-WebSocket-Version is not 13";
        }
        String key = trimmed(header("Sec-WebSocket-Key"));
        try {
            if (key == null || Base64.getDecoder().decode(key).length != 16) {
                return "Sec-WebSocket-Key is not 16 bytes in base64";
            }
        } catch (IllegalArgumentException e) {
            return "Sec-WebSocket-Key is not base64";
        }
        return null;
    }

    /** The Sec-WebSocket-Key as sent, trimmed. */
    public String key() {
        return trimmed(header("Sec-WebSocket-Key"));
    }

    /** Reads one request head (up to the empty line); null if the stream ends first. */
    static HandshakeRequest read(InputStream in, int connectionId) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (++total > MAX_REQUEST_BYTES) {
                throw new IOException("request head longer than " + MAX_REQUEST_BYTES + " bytes");
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                if (text.isEmpty()) {
                    break;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
            previous = b;
        }
        List<Header> headers = new ArrayList<>();
        for (String h : lines.subList(1, lines.size())) {
            int colon = h.indexOf(':');
            headers.add(colon < 0 ? new Header(h, "") : new Header(h.substring(0, colon), h.substring(colon + 1).trim()));
        }
        return new HandshakeRequest(connectionId, lines.isEmpty() ? "" : lines.get(0), headers, Instant.now());
    }

    private static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
