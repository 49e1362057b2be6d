package io.sluice.distribution.fake;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/** A Java-WebSocket client that remembers what happened to it, with daemon threads and no liveness pings. */
final class RecordingClient extends WebSocketClient {

    /** How the connection ended. */
    record Closed(int code, String reason, boolean remote) {
    }

    final List<Closed> closes = new CopyOnWriteArrayList<>();
    final List<Exception> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger pongs = new AtomicInteger();
    volatile boolean opened;

    RecordingClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
        setDaemon(true);
        setConnectionLostTimeout(0);
    }

    RecordingClient(URI uri) {
        this(uri, Map.of());
    }

    /** Connects within 5 s; whether the handshake succeeded. */
    boolean open() throws InterruptedException {
        return connectBlocking(5, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        opened = true;
    }

    @Override
    public void onMessage(String message) {
        // the fake server sends no data
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        // the fake server sends no data
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        pongs.incrementAndGet();
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closes.add(new Closed(code, reason, remote));
    }

    @Override
    public void onError(Exception ex) {
        errors.add(ex);
    }
}
