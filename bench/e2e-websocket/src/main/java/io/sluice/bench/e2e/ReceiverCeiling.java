package io.sluice.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The receiver's own ceiling: a local client does the upgrade, then writes pre-built, pre-masked frames (about
 * 2 MB, like sluice's chunks) over one connection as fast as the socket takes them; we time until the receiver has
 * every seq. Masking and framing happen before the clock starts, so this measures the receiver (its frame reading,
 * unmasking and scanners), not the client.
 */
final class ReceiverCeiling {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private ReceiverCeiling() {
    }

    /** Records per second the receiver takes from {@code messages} (Strings: text, byte[]: binary). */
    static double measure(List<?> messages, int records) throws Exception {
        List<byte[]> frames = new ArrayList<>(messages.size());
        for (Object message : messages) {
            frames.add(message instanceof String text
                    ? maskedFrame(1, text.getBytes(StandardCharsets.UTF_8))
                    : maskedFrame(2, (byte[]) message));
        }
        SeqReceiver receiver = new SeqReceiver(new SeqLedger(records));
        try {
            int port = receiver.startAndAwait();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                upgrade(socket, port);
                long start = System.nanoTime();
                for (byte[] frame : frames) {
                    out.write(frame);
                }
                SeqLedger ledger = receiver.ledger();
                if (!ledger.awaitComplete(start + TimeUnit.SECONDS.toNanos(60), TimeUnit.SECONDS.toNanos(10),
                        System.nanoTime())) {
                    throw new IllegalStateException("ceiling run lost " + ledger.lost() + " records");
                }
                return records / ((ledger.lastRecordNanos() - start) / 1e9);
            }
        } finally {
            receiver.stop(1_000);
        }
    }

    private static void upgrade(Socket socket, int port) throws IOException {
        String request = "GET /ceiling HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("receiver closed during the upgrade: " + response);
            }
            response.append((char) b);
        }
        if (!response.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("receiver refused the upgrade: " + response);
        }
    }

    /** A final frame with {@code opcode}, masked as a client must (RFC 6455 section 5.3). */
    private static byte[] maskedFrame(int opcode, byte[] payload) {
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        int header = payload.length < 126 ? 2 : payload.length < 65_536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        if (header == 2) {
            frame[1] = (byte) (0x80 | payload.length);
        } else if (header == 4) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }
}
