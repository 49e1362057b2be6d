package io.sluice.output.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP server that misbehaves in one scripted way, for the cases a real WebSocket server will not produce.
 */
final class ScriptedServer implements AutoCloseable {

    /** What the server does with each connection. */
    enum Behaviour {
        /** Accepts the TCP connection, reads the request, never answers. */
        NEVER_ANSWERS_UPGRADE,
        /** Answers the upgrade with HTTP 403 and a one-line body. */
        FORBIDDEN,
        /** Answers 101 with a Sec-WebSocket-Accept that does not match the key. */
        WRONG_ACCEPT,
        /** Completes the upgrade correctly, then reads every frame and never answers a Ping. */
        NEVER_ANSWERS_PINGS,
        /** Answers the first Ping of each connection, then goes silent without closing, like a partitioned host. */
        GOES_SILENT_AFTER_ONE_PONG,
        /** Completes the upgrade, sends a Close (1011) at once, reads until the client closes. */
        CLOSES_EVERY_CONNECTION,
        /**
         * Completes the upgrade and reads nothing until {@link #sendCloseNow()}; then sends a Close (1001), keeps the
         * connection open and reads everything that follows, counting the data frames, until the client closes.
         */
        SENDS_CLOSE_WHEN_TOLD_THEN_READS
    }

    static final String FORBIDDEN_BODY = "invalid token for this endpoint";

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger bytesAfterUpgrade = new AtomicInteger();
    /** SENDS_CLOSE_WHEN_TOLD_THEN_READS: data frames and their payload bytes read after the server's Close. */
    final AtomicInteger dataFramesAfterClose = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicLong dataBytesAfterClose = new java.util.concurrent.atomic.AtomicLong();
    /** SENDS_CLOSE_WHEN_TOLD_THEN_READS: the client's Close arrived, and the client closed the connection. */
    final java.util.concurrent.CountDownLatch clientClosed = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.CountDownLatch clientEnded = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch closeNow = new java.util.concurrent.CountDownLatch(1);

    ScriptedServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "scripted-server-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** SENDS_CLOSE_WHEN_TOLD_THEN_READS: send the Close now. */
    void sendCloseNow() {
        closeNow.countDown();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                sockets.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "scripted-server-conn");
                t.setDaemon(true);
                threads.add(t);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String request = readRequest(in);
            String key = header(request, "sec-websocket-key");
            switch (behaviour) {
                case NEVER_ANSWERS_UPGRADE -> drain(in, false);
                case FORBIDDEN -> {
                    byte[] body = (FORBIDDEN_BODY + "\nsecond line\n").getBytes(StandardCharsets.US_ASCII);
                    out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
                case WRONG_ACCEPT -> {
                    out.write(upgradeResponse(accept("not-the-key")));
                    out.flush();
                    drain(in, false);
                }
                case NEVER_ANSWERS_PINGS -> {
                    out.write(upgradeResponse(accept(key)));
                    out.flush();
                    drain(in, true);
                }
                case GOES_SILENT_AFTER_ONE_PONG -> {
                    out.write(upgradeResponse(accept(key)));
                    out.flush();
                    answerPingsThenHang(in, out, 1);
                }
                case CLOSES_EVERY_CONNECTION -> {
                    out.write(upgradeResponse(accept(key)));
                    out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xF3});
                    out.flush();
                    drain(in, false);
                }
                case SENDS_CLOSE_WHEN_TOLD_THEN_READS -> {
                    out.write(upgradeResponse(accept(key)));
                    out.flush();
                    try {
                        closeNow.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE9});
                    out.flush();
                    countFramesUntilTheClientCloses(in);
                }
                default -> throw new IllegalStateException();
            }
        } catch (IOException e) {
            // the client went away; nothing to do
        }
    }

    private static byte[] upgradeResponse(String accept) {
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void drain(InputStream in, boolean count) throws IOException {
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            if (count) {
                bytesAfterUpgrade.addAndGet(n);
            }
        }
    }

    /** A frame's payload length, after its first byte: the 7-bit length, or the 16- or 64-bit one it announces. */
    private static long payloadLength(java.io.DataInputStream data) throws IOException {
        long length = data.readUnsignedByte() & 0x7f;
        if (length == 126) {
            return data.readUnsignedShort();
        }
        return length == 127 ? data.readLong() : length;
    }

    /** Reads client frames and answers {@code pongs} Pings, then stops reading (the socket stays open). */
    private void answerPingsThenHang(InputStream in, OutputStream out, int pongs) throws IOException {
        java.io.DataInputStream data = new java.io.DataInputStream(in);
        int answered = 0;
        while (answered < pongs) {
            int opcode = data.readUnsignedByte() & 0x0f;
            long length = payloadLength(data);
            byte[] mask = new byte[4];
            data.readFully(mask);
            byte[] payload = new byte[(int) length];
            data.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            if (opcode == 0x9) {
                out.write(0x8A);
                out.write(payload.length);
                out.write(payload);
                out.flush();
                answered++;
            }
        }
        while (!listener.isClosed()) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }

    /** Reads frames until the end of the stream, counting data frames, noting the client's Close. */
    private void countFramesUntilTheClientCloses(InputStream in) throws IOException {
        java.io.DataInputStream data = new java.io.DataInputStream(in);
        try {
            while (true) {
                int opcode = data.readUnsignedByte() & 0x0f;
                long length = payloadLength(data);
                data.skipNBytes(4 + length);
                if (opcode == 0x1 || opcode == 0x2 || opcode == 0x0) {
                    dataFramesAfterClose.incrementAndGet();
                    dataBytesAfterClose.addAndGet(length);
                } else if (opcode == 0x8) {
                    clientClosed.countDown();
                }
            }
        } catch (java.io.EOFException | java.net.SocketException e) {
            // the client closed the connection
        } finally {
            clientEnded.countDown();
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String header(String request, String name) {
        for (String line : request.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws java.io.IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        try {
            for (Thread t : threads) {
                t.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
