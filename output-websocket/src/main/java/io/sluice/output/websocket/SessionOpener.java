package io.sluice.output.websocket;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;

/**
 * Opens fresh sessions for one worker: a new client per attempt (the library's clients are not reusable and its
 * reconnect can hang), bounded by {@code net.connect_timeout} over TCP, TLS and the upgrade together, a hung attempt
 * abandoned, and consecutive failures paced by a short backoff (100 ms, doubling up to 1 s). A connection that opens
 * but ends before the server confirmed anything is a failure too, so a server that accepts and closes every
 * connection is not reconnected to in a tight loop; only a delivery resets the backoff.
 */
final class SessionOpener {

    /** Inbound frames are only control frames or ignored data; this bounds what a misbehaving server can make us hold. */
    private static final int MAX_INBOUND_FRAME = 16 * 1024 * 1024;
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final WebSocketSettings settings;
    private final SocketFactory tlsSocketFactory;
    private final SessionReaper reaper;
    private final OutageLog outage;
    private long nextAttemptNanos;
    private int failedAttempts;

    SessionOpener(WebSocketSettings settings, SocketFactory tlsSocketFactory, SessionReaper reaper, OutageLog outage) {
        this.settings = settings;
        this.tlsSocketFactory = tlsSocketFactory;
        this.reaper = reaper;
        this.outage = outage;
    }

    /** An open session, or {@code null} after logging (once per outage) why there is none. */
    ClientSession open() throws InterruptedException {
        long wait = nextAttemptNanos - System.nanoTime();
        if (failedAttempts > 0 && wait > 0) {
            // pace by waiting rather than refusing: a RETRY without a real attempt would spend a retry for nothing
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        ClientSession s = new ClientSession(settings.endpoint().uri(), draft(), settings.endpoint().headerMap(),
                settings.tls());
        try {
            prepareSocket(s);
        } catch (IOException e) {
            failed("cannot create a socket: " + e.getMessage(), false);
            return null;
        }
        long timeoutMillis = settings.net().connectTimeout().toMillis();
        boolean open;
        try {
            open = s.open(timeoutMillis);
        } catch (InterruptedException e) {
            reaper.abandon(s, "interrupted");
            throw e;
        }
        if (open) {
            outage.connected(s.negotiatedExtension());
            return s;
        }
        if (s.upgraded()) {
            // upgraded, then closed at once by the server: what it said is known once the library has closed
            s.awaitEnd(SessionReaper.RELEASE_GRACE_MILLIS);
        }
        boolean timedOut = !s.hasEnded() && !s.upgraded();
        String reason = timedOut ? "no connection and upgrade within " + timeoutMillis / 1000 + "s"
                : HandshakeFailure.describe(s.failureReason(), withoutHeaderValues(s.responseBodyLine()));
        reaper.abandon(s, timedOut ? "connect timeout" : "failed");
        failed(reason, timedOut && !settings.net().connectTimeoutLogError());
        return null;
    }

    /** A server may echo the request in its error body: configured header values (tokens) never reach the log. */
    private String withoutHeaderValues(String bodyLine) {
        if (bodyLine == null) {
            return null;
        }
        String masked = bodyLine;
        for (Endpoint.Header header : settings.endpoint().headers()) {
            if (!header.value().isEmpty()) {
                masked = masked.replace(header.value(), "***");
            }
        }
        return masked;
    }

    private void failed(String reason, boolean quiet) {
        sessionFailed();
        outage.connectFailed(reason, quiet);
    }

    /** A session ended before the server confirmed anything: the next attempt waits for the backoff. */
    void sessionFailed() {
        failedAttempts++;
        long delay = Math.min(MAX_BACKOFF_NANOS, MIN_BACKOFF_NANOS << Math.min(failedAttempts - 1, 10));
        nextAttemptNanos = System.nanoTime() + delay;
    }

    /** The server confirmed data: the next attempt after a failure starts the backoff afresh. */
    void delivered() {
        failedAttempts = 0;
    }

    private void prepareSocket(ClientSession s) throws IOException {
        if (settings.tls().enabled()) {
            s.setSocketFactory(tlsSocketFactory);
        } else {
            HandshakeCapturingSocket socket = new HandshakeCapturingSocket();
            socket.setKeepAlive(settings.net().tcpKeepalive());
            s.useCapturingSocket(socket);
        }
    }

    private FastMaskingDraft draft() {
        // permessage-deflate with the library's defaults only: changing its parameters misbehaves in 1.6.0
        List<IExtension> extensions = settings.compress() ? List.of(new PerMessageDeflateExtension()) : List.of();
        return new FastMaskingDraft(extensions, MAX_INBOUND_FRAME);
    }
}
