package io.sluice.bench.soak;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket server on a fixed port that can go down and come back (a fresh library server each time, the library's
 * servers cannot restart), counting every {@code "seq":N} in json_lines text messages: distinct seqs in a bit set,
 * and every repeat as a duplicate. Counts survive restarts.
 */
final class SeqReceiver {

    private final int port;
    private final BitSet seen = new BitSet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private long distinct;
    private Server server;

    SeqReceiver(int port) {
        this.port = port;
    }

    synchronized void start() throws InterruptedException {
        server = new Server();
        server.start();
        server.awaitStarted();
    }

    /** Closes every connection (1001) and the listener. */
    synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.stop(2000);
            server = null;
        }
    }

    synchronized long distinct() {
        return distinct;
    }

    long duplicates() {
        return duplicates.get();
    }

    long messages() {
        return messages.get();
    }

    long connections() {
        return connections.get();
    }

    private synchronized void record(long seq) {
        if (seq > Integer.MAX_VALUE) {
            throw new IllegalStateException("seq out of range: " + seq);
        }
        if (seen.get((int) seq)) {
            duplicates.incrementAndGet();
        } else {
            seen.set((int) seq);
            distinct++;
        }
    }

    /** Every {@code "seq": N} (space optional) in the text. */
    private void scan(String text) {
        int i = 0;
        while ((i = text.indexOf("\"seq\":", i)) >= 0) {
            i += 6;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            long v = 0;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                v = v * 10 + (text.charAt(i++) - '0');
            }
            record(v);
        }
    }

    private final class Server extends WebSocketServer {
        private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

        Server() {
            super(new InetSocketAddress("127.0.0.1", port));
            setReuseAddr(true);
            setDaemon(true);
        }

        void awaitStarted() throws InterruptedException {
            if (!started.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("receiver did not start on port " + port);
            }
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            connections.incrementAndGet();
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            messages.incrementAndGet();
            scan(message);
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            messages.incrementAndGet();
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                System.err.println("receiver: " + ex);
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
