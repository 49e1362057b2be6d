package io.sluice.distribution.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** The listening socket on 127.0.0.1 and the connection threads it starts; can stop and listen again on one port. */
final class ConnectionAcceptor {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ServerScript script;
    private final ReceivedLog log;
    private final ServerCounters counters;
    private final int receiveBufferBytes;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    /** Every connection thread not yet seen dead: a thread leaves {@code connections} a moment before it ends. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private int port;
    private ServerSocket listener;
    private Thread acceptThread;

    ConnectionAcceptor(int port, int receiveBufferBytes, ServerScript script, ReceivedLog log,
            ServerCounters counters) {
        this.port = port;
        this.receiveBufferBytes = receiveBufferBytes;
        this.script = script;
        this.log = log;
        this.counters = counters;
    }

    synchronized int port() {
        return port;
    }

    synchronized boolean listening() {
        return listener != null;
    }

    /** Listens on the port (the first call picks a free one if it is 0); retries a busy port for up to 5 s. */
    synchronized void listen() {
        if (listener != null) {
            return;
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                if (receiveBufferBytes > 0) {
                    socket.setReceiveBufferSize(receiveBufferBytes);
                }
                try {
                    socket.bind(new InetSocketAddress(LOOPBACK, port), 200);
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                port = socket.getLocalPort();
                listener = socket;
                acceptThread = new Thread(() -> acceptLoop(socket), "fake-ws-accept-" + port);
                acceptThread.setDaemon(true);
                acceptThread.start();
                return;
            } catch (BindException e) {
                if (System.nanoTime() - end > 0) {
                    throw new UncheckedIOException("port " + port + " stayed busy", e);
                }
                LockSupport.parkNanos(20_000_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Stops listening; open connections are left alone. Returns once the accept thread has ended, because the JDK
     * releases a listening socket only when the thread blocked in accept() has left it.
     */
    void stopListening() {
        Thread accept;
        synchronized (this) {
            if (listener == null) {
                return;
            }
            try {
                listener.close();
            } catch (IOException e) {
                // the accept thread ends either way
            }
            listener = null;
            accept = acceptThread;
        }
        if (accept != Thread.currentThread()) {
            try {
                accept.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every open connection. */
    List<ServerConnection> connections() {
        return List.copyOf(connections);
    }

    /** Waits up to {@code millis} for the accept thread and every connection thread to end. */
    void join(long millis) throws InterruptedException {
        Thread accept;
        synchronized (this) {
            accept = acceptThread;
        }
        if (accept != null) {
            accept.join(millis);
        }
        for (Thread t : List.copyOf(threads)) {
            t.join(millis);
            threads.remove(t);
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (true) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            counters.openConnections.incrementAndGet();
            ServerConnection connection = new ServerConnection(nextId.incrementAndGet(), client, script, log, counters);
            Thread thread = new Thread(() -> {
                try {
                    connection.run();
                } finally {
                    connections.remove(connection);
                }
            }, "fake-ws-conn-" + connection.id());
            thread.setDaemon(true);
            threads.removeIf(t -> !t.isAlive());
            threads.add(thread);
            synchronized (this) {
                connections.add(connection);
                if (listener != socket) {
                    connection.closeSocket(true);
                }
            }
            thread.start();
            counters.connectionsAccepted.incrementAndGet();
        }
    }
}
