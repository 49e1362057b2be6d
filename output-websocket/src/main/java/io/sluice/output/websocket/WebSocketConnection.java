package io.sluice.output.websocket;

import io.sluice.api.FlushResult;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.slf4j.Logger;

/**
 * The connection of one worker and its supervisor: opens a fresh session when there is none (or the last one died or
 * sat idle too long), sends one flush's messages, and confirms them. Only the owning worker calls {@link #send}, so at
 * most one chunk per connection is ever in flight; a failure discards the session and the next call reconnects.
 */
final class WebSocketConnection {

    /** Inbound frames are only control frames or ignored data; this bounds what a misbehaving server can make us hold. */
    private static final int MAX_INBOUND_FRAME = 16 * 1024 * 1024;
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long REPING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int worker;
    private final WebSocketSettings settings;
    private final SocketFactory socketFactory;
    private final SessionReaper reaper;
    private final Logger log;
    private final OutageLog outage;

    private ClientSession session;
    private long lastUsedNanos;
    private long nextAttemptNanos;
    private int failedAttempts;
    private boolean unansweredPingReported;

    WebSocketConnection(int worker, WebSocketSettings settings, SocketFactory socketFactory, SessionReaper reaper,
                        Logger log) {
        this.worker = worker;
        this.settings = settings;
        this.socketFactory = socketFactory;
        this.reaper = reaper;
        this.log = log;
        this.outage = new OutageLog(log, settings.endpoint().url(), worker);
    }

    /** Sends {@code messages} as one unit: OK once confirmed, RETRY if anything failed (the session is dropped). */
    synchronized FlushResult send(List<Message> messages) {
        long now = System.nanoTime();
        retireIfStale(now);
        if (session == null && !connect(now)) {
            return FlushResult.RETRY;
        }
        ClientSession s = session;
        try {
            for (Message m : messages) {
                s.sendFrame(m.toFrame());
            }
            long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
            boolean delivered = settings.confirmDelivery() ? confirm(s, deadline) : drain(s, deadline);
            if (!delivered) {
                return FlushResult.RETRY;
            }
        } catch (WebsocketNotConnectedException e) {
            fail(s, s.hasEnded() ? s.endReason() : "connection closed while sending");
            return FlushResult.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(s, "interrupted while sending");
            return FlushResult.RETRY;
        }
        lastUsedNanos = System.nanoTime();
        if (!settings.net().keepalive()) {
            reaper.closeGracefully(s, "keepalive off");
            session = null;
        }
        return FlushResult.OK;
    }

    private boolean confirm(ClientSession s, long deadline) throws InterruptedException {
        long ping = s.sendConfirmationPing();
        while (!s.awaitPong(ping, Math.min(deadline, System.nanoTime() + REPING_NANOS))) {
            if (s.hasEnded() || System.nanoTime() - deadline >= 0) {
                return unconfirmed(s);
            }
            // a later Pong proves the earlier frames were read too; some servers only process a read when more
            // bytes arrive, so a fresh Ping both asks again and nudges them
            log.debug("worker #{}: no Pong yet, sending another Ping", worker);
            s.sendConfirmationPing();
        }
        unansweredPingReported = false;
        return true;
    }

    private boolean unconfirmed(ClientSession s) {
        if (s.hasEnded()) {
            fail(s, s.endReason());
        } else {
            if (!unansweredPingReported) {
                unansweredPingReported = true;
                log.error("worker #{}: the server at {} did not answer a Ping within {}s although the connection is "
                        + "open; delivery cannot be confirmed, so the chunk will be retried. If this server does not "
                        + "answer Pings (RFC 6455 requires it), set 'confirm_delivery off'", worker,
                        settings.endpoint().url(), settings.confirmTimeout().toSeconds());
            }
            fail(s, "no Pong within " + settings.confirmTimeout().toSeconds() + "s");
        }
        return false;
    }

    /** Without confirmation, "sent" means the library wrote every queued frame to the socket. */
    private boolean drain(ClientSession s, long deadline) {
        while (s.hasBufferedData() && s.isOpen()) {
            if (System.nanoTime() - deadline > 0) {
                fail(s, "send buffer not written within " + settings.confirmTimeout().toSeconds() + "s");
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        if (!s.isOpen()) {
            fail(s, s.endReason());
            return false;
        }
        return true;
    }

    private void retireIfStale(long now) {
        if (session == null) {
            return;
        }
        if (!session.isOpen()) {
            ClientSession dead = session;
            session = null;
            outage.lost(dead.endReason());
            reaper.abandon(dead, "closed");
            return;
        }
        long idle = settings.net().keepaliveIdleTimeout().toNanos();
        if (idle > 0 && now - lastUsedNanos > idle) {
            log.debug("worker #{}: connection idle for more than {}s, closing it", worker,
                    settings.net().keepaliveIdleTimeout().toSeconds());
            reaper.closeGracefully(session, "idle");
            session = null;
        }
    }

    private boolean connect(long now) {
        long wait = nextAttemptNanos - now;
        if (failedAttempts > 0 && wait > 0) {
            // pace reconnects by waiting here rather than refusing: a RETRY without a real attempt would spend one
            // of the chunk's retries (Retry_Limit) for nothing
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            now = System.nanoTime();
        }
        ClientSession s = new ClientSession(settings.endpoint().uri(), draft(), settings.endpoint().headerMap(),
                settings.tls());
        try {
            prepareSocket(s);
        } catch (IOException e) {
            backOff(now);
            outage.connectFailed("cannot create a socket: " + e.getMessage(), false);
            return false;
        }
        long timeoutMillis = settings.net().connectTimeout().toMillis();
        boolean open;
        boolean timedOut;
        String reason;
        try {
            open = s.open(timeoutMillis);
            timedOut = !open && !s.hasEnded();
            reason = open ? "" : timedOut ? "no connection and upgrade within " + timeoutMillis / 1000 + "s"
                    : HandshakeFailure.describe(s.failureReason(), s.responseBodyLine());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reaper.abandon(s, "interrupted");
            return false;
        }
        if (!open) {
            reaper.abandon(s, timedOut ? "connect timeout" : "failed");
            backOff(now);
            outage.connectFailed(reason, timedOut && !settings.net().connectTimeoutLogError());
            return false;
        }
        failedAttempts = 0;
        session = s;
        lastUsedNanos = now;
        outage.connected(s.negotiatedExtension());
        return true;
    }

    private void prepareSocket(ClientSession s) throws IOException {
        if (settings.tls().enabled()) {
            s.setSocketFactory(socketFactory);
        } else {
            HandshakeCapturingSocket socket = new HandshakeCapturingSocket();
            socket.setKeepAlive(settings.net().tcpKeepalive());
            s.useCapturingSocket(socket);
        }
    }

    private void backOff(long now) {
        failedAttempts++;
        long delay = Math.min(MAX_BACKOFF_NANOS, MIN_BACKOFF_NANOS << Math.min(failedAttempts - 1, 10));
        nextAttemptNanos = now + delay;
    }

    private void fail(ClientSession s, String reason) {
        if (session == s) {
            session = null;
        }
        reaper.abandon(s, reason);
        outage.lost(reason);
    }

    private Draft_6455 draft() {
        List<IExtension> extensions = settings.compress() ? List.of(new PerMessageDeflateExtension()) : List.of();
        return new Draft_6455(extensions, MAX_INBOUND_FRAME);
    }

    /** Closes cleanly (1000) and waits up to {@code millis} for the server to complete the close handshake. */
    synchronized void close(long millis) throws InterruptedException {
        ClientSession s = session;
        session = null;
        if (s == null) {
            return;
        }
        reaper.closeGracefully(s, "shutdown");
        if (!s.awaitEnd(millis)) {
            reaper.abandon(s, "close handshake not completed");
        }
    }
}
