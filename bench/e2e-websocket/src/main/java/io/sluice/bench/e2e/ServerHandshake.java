package io.sluice.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The server side of the RFC 6455 opening handshake: the request's key in, the 101 response out. */
final class ServerHandshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private ServerHandshake() {
    }

    /**
     * The response to the request in {@code head[0, length)} (up to and including the blank line): 101 with the
     * accept value of its {@code Sec-WebSocket-Key}, or null if it is not a WebSocket upgrade. No extension is
     * accepted, so the client never compresses.
     */
    static byte[] respond(byte[] head, int length) {
        String request = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String key = null;
        for (String line : request.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                key = line.substring(colon + 1).trim();
            }
        }
        if (!request.startsWith("GET ") || key == null) {
            return null;
        }
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1", e);
        }
    }
}
