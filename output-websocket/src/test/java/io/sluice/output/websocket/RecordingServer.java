package io.sluice.output.websocket;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** A real, standards-compliant WebSocket server on 127.0.0.1 that records every message and handshake. */
final class RecordingServer extends WebSocketServer implements AutoCloseable {

    /** One received message: its frame type, its bytes, and the connection it came on. */
    record Received(boolean text, byte[] bytes, WebSocket connection) {
        String utf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    final List<Received> messages = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startError;
    private volatile CountDownLatch readGate;
    private volatile int closeAfterMessages;
    private final Map<WebSocket, Integer> messagesPerConnection = new java.util.concurrent.ConcurrentHashMap<>();
    /** Connections this server closed itself (see {@link #closeEachConnectionAfter}). */
    final java.util.concurrent.atomic.AtomicInteger closedByServer = new java.util.concurrent.atomic.AtomicInteger();

    private RecordingServer(int port, Draft draft) {
        super(new InetSocketAddress("127.0.0.1", port), List.of(draft));
        setReuseAddr(true);
        setDaemon(true);
        setConnectionLostTimeout(0);
    }

    static RecordingServer start(int port) throws Exception {
        return start(port, new Draft_6455(), null);
    }

    static RecordingServer start(int port, Draft draft, SSLContext tls) throws Exception {
        return start(port, draft, tls, false);
    }

    static RecordingServer start(int port, Draft draft, SSLContext tls, boolean wantClientAuth) throws Exception {
        RecordingServer server = new RecordingServer(port, draft);
        if (tls != null) {
            javax.net.ssl.SSLParameters parameters = tls.getDefaultSSLParameters();
            parameters.setWantClientAuth(wantClientAuth);
            server.setWebSocketFactory(
                    new org.java_websocket.server.SSLParametersWebSocketServerFactory(tls, parameters));
        }
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS) || server.startError != null) {
            server.stop(1000);
            throw new IllegalStateException("server did not start", server.startError);
        }
        return server;
    }

    int boundPort() {
        return getPort();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<String> it = handshake.iterateHttpFields(); it.hasNext(); ) {
            String name = it.next();
            headers.put(name.toLowerCase(), handshake.getFieldValue(name));
        }
        headers.put(":path", handshake.getResourceDescriptor());
        if (conn.hasSSLSupport()) {
            try {
                javax.net.ssl.SSLSession session = conn.getSSLSession();
                if (session instanceof javax.net.ssl.ExtendedSSLSession ext) {
                    headers.put(":sni", ext.getRequestedServerNames().stream()
                            .map(n -> ((javax.net.ssl.SNIHostName) n).getAsciiName()).findFirst().orElse(""));
                }
                headers.put(":client-cert", Boolean.toString(peerCertificatePresent(session)));
            } catch (IllegalArgumentException e) {
                headers.put(":sni", "");
            }
        }
        handshakes.add(headers);
    }

    private static boolean peerCertificatePresent(javax.net.ssl.SSLSession session) {
        try {
            return session.getPeerCertificates().length > 0;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return false;
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        closeCodes.add(code);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        if (!conn.isOpen()) {
            // read in the same batch as the message after which this server closed: a closing server drops it
            return;
        }
        messages.add(new Received(true, message.getBytes(StandardCharsets.UTF_8), conn));
        countAndMaybeClose(conn);
    }

    /** After {@code n} messages on a connection the server closes it (1001); later data on it is not recorded. */
    void closeEachConnectionAfter(int n) {
        closeAfterMessages = n;
    }

    private void countAndMaybeClose(WebSocket conn) {
        int n = closeAfterMessages;
        if (n > 0 && messagesPerConnection.merge(conn, 1, Integer::sum) == n) {
            closedByServer.incrementAndGet();
            conn.close(1001, "enough for this connection");
        }
    }

    @Override
    public void onWebsocketPing(WebSocket conn, org.java_websocket.framing.Framedata f) {
        if (conn.isOpen()) {
            super.onWebsocketPing(conn, f);
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        if (!conn.isOpen()) {
            return;
        }
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        messages.add(new Received(false, bytes, conn));
        countAndMaybeClose(conn);
        CountDownLatch gate = readGate;
        if (gate != null) {
            try {
                gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** After the next binary message, the server stops reading (a slow consumer) until {@code gate} opens. */
    void stallAfterEachMessageUntil(CountDownLatch gate) {
        readGate = gate;
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startError = ex;
            started.countDown();
        }
    }

    /** Closes every open connection from the server side, as a server that drops idle clients does. */
    void closeAllConnections(int code) {
        for (WebSocket c : getConnections()) {
            c.close(code, "idle");
        }
    }

    @Override
    public void close() {
        try {
            stop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
