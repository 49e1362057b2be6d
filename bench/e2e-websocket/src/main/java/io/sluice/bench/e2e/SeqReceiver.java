package io.sluice.bench.e2e;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The receiving end: a plain Java-WebSocket server on 127.0.0.1 (free port) that finds the seq of every record in
 * text (JSON) and binary (msgpack) messages and enters them in a {@link SeqLedger}. Pings are answered by the
 * library, after every frame before them, which is what confirmed delivery relies on.
 */
final class SeqReceiver extends WebSocketServer {

    private final SeqLedger ledger;
    private final CountDownLatch started = new CountDownLatch(1);
    private final ThreadLocal<SeqBatch> batches = ThreadLocal.withInitial(SeqBatch::new);
    private final ThreadLocal<MsgpackSeqScanner> msgpack = ThreadLocal.withInitial(MsgpackSeqScanner::new);
    private final ThreadLocal<byte[]> copies = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile Exception firstError;

    SeqReceiver(SeqLedger ledger) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.ledger = ledger;
        setReuseAddr(true);
        setDaemon(true);
    }

    /** Starts the server and waits until it listens; returns its port. */
    int startAndAwait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("receiver did not start within 10 s");
        }
        return getPort();
    }

    SeqLedger ledger() {
        return ledger;
    }

    int connectionsOpened() {
        return connections.get();
    }

    int errors() {
        return errors.get();
    }

    Exception firstError() {
        return firstError;
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        connections.incrementAndGet();
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        SeqBatch batch = batches.get();
        batch.clear();
        JsonSeqScanner.scan(message, batch);
        ledger.accept(batch.seqs, batch.count);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        SeqBatch batch = batches.get();
        batch.clear();
        int length = message.remaining();
        if (message.hasArray()) {
            msgpack.get().scan(message.array(), message.arrayOffset() + message.position(), length, batch);
        } else {
            byte[] copy = copies.get();
            if (copy.length < length) {
                copy = new byte[Math.max(length, copy.length * 2)];
                copies.set(copy);
            }
            message.duplicate().get(copy, 0, length);
            msgpack.get().scan(copy, 0, length, batch);
        }
        ledger.accept(batch.seqs, batch.count);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        // Reconnects are normal (sluice heals itself); losses show in the ledger.
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        errors.incrementAndGet();
        if (firstError == null) {
            firstError = ex;
        }
        if (conn == null) {
            started.countDown();
        }
    }
}
