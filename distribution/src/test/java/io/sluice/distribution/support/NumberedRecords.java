package io.sluice.distribution.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Records numbered by their sender ({@code "seq": N}) about 166 bytes each, so the receiver counts loss and
 * duplication exactly; and the free ports the tests bind.
 */
public final class NumberedRecords {

    private static final String PAD = "x".repeat(100);

    private NumberedRecords() {
    }

    /** One record, newline-terminated. */
    public static byte[] record(long seq) {
        return ("{\"key 1\": 123456789, \"key 2\": \"abcdefg\", \"seq\": " + seq + ", \"msg\": \"" + PAD + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Records {@code [from, to)} appended to {@code out}. */
    public static void write(OutputStream out, long from, long to) throws IOException {
        StringBuilder batch = new StringBuilder(80 * 1024);
        for (long i = from; i < to; i++) {
            batch.append("{\"key 1\": 123456789, \"key 2\": \"abcdefg\", \"seq\": ").append(i)
                    .append(", \"msg\": \"").append(PAD).append("\"}\n");
            if (batch.length() > 64 * 1024) {
                out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                batch.setLength(0);
            }
        }
        out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends records {@code [from, to)} over one fresh connection to the tcp input, then closes it. */
    public static void send(int port, long from, long to) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
            write(out, from, to);
        }
    }

    /** A port free on 127.0.0.1 right now, for a configuration that needs it before the process starts. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
