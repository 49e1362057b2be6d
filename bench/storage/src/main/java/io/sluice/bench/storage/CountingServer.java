package io.sluice.bench.storage;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The receiving end of the benchmark: a WebSocket server on 127.0.0.1 (port 0) that counts the records of
 * {@code json_lines} messages (non-empty lines) and answers Pings (the output confirms delivery with them).
 */
final class CountingServer extends WebSocketServer implements AutoCloseable {

    private final AtomicLong records = new AtomicLong();
    private final CountDownLatch started = new CountDownLatch(1);

    private CountingServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    static CountingServer startNow() throws InterruptedException {
        CountingServer server = new CountingServer();
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the WebSocket server did not start");
        }
        return server;
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }

    long records() {
        return records.get();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        count(message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        byte[] b = new byte[message.remaining()];
        message.get(b);
        count(new String(b, StandardCharsets.UTF_8));
    }

    private void count(String message) {
        long n = 0;
        int from = 0;
        while (from < message.length()) {
            int nl = message.indexOf('\n', from);
            int end = nl < 0 ? message.length() : nl;
            if (end > from) {
                n++;
            }
            from = end + 1;
        }
        records.addAndGet(n);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            System.err.println("bench server: " + ex);
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
