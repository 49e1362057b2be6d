package io.sluice.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receiving end: a lean RFC 6455 server on 127.0.0.1 (free port), one thread per connection
 * ({@link ReceiverConnection}), that finds the seq of every record in text (JSON) and binary (msgpack) messages and
 * enters them in a {@link SeqLedger}. Written on raw sockets so that it stays several times faster than sluice.
 */
final class SeqReceiver {

    private final SeqLedger ledger;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile Exception firstError;
    private volatile boolean stopping;
    private ServerSocket server;

    SeqReceiver(SeqLedger ledger) {
        this.ledger = ledger;
    }

    /** Listens and starts accepting; returns the port. */
    int startAndAwait() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "receiver-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
        return server.getLocalPort();
    }

    private void accept() {
        while (!stopping) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                Thread reader = new Thread(new ReceiverConnection(socket, this), "receiver-" + socket.getPort());
                reader.setDaemon(true);
                threads.add(reader);
                reader.start();
            } catch (IOException e) {
                if (!stopping) {
                    failed(e);
                }
            }
        }
    }

    SeqLedger ledger() {
        return ledger;
    }

    /** WebSocket connections whose upgrade succeeded. */
    int connectionsOpened() {
        return connections.get();
    }

    int errors() {
        return errors.get();
    }

    Exception firstError() {
        return firstError;
    }

    boolean stopping() {
        return stopping;
    }

    void opened() {
        connections.incrementAndGet();
    }

    void failed(Exception e) {
        errors.incrementAndGet();
        if (firstError == null) {
            firstError = e;
        }
    }

    /** Closes the listening socket and every connection, and waits up to {@code millis} for their threads. */
    void stop(long millis) throws InterruptedException {
        stopping = true;
        try {
            if (server != null) {
                server.close();
            }
            for (Socket socket : sockets) {
                socket.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        long deadline = System.currentTimeMillis() + millis;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }
}
