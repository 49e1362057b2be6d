package io.sluice.output.websocket;

import io.sluice.api.FlushResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.SocketFactory;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;

/**
 * The connection of one worker and its supervisor: uses the open session if it is alive and not idle too long, else
 * a fresh one, sends one flush's messages and confirms them. Only the owning worker calls {@link #send}, so at most
 * one chunk per connection is ever in flight (the library's send queue is unbounded); any failure discards the
 * session and the next attempt starts a new one.
 */
final class WebSocketConnection {

    private static final long REPING_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How one attempt ended. */
    private enum Outcome { DELIVERED, CONNECTION_ENDED, FAILED }

    private final int worker;
    private final WebSocketSettings settings;
    private final SessionReaper reaper;
    private final Logger log;
    private final OutageLog outage;
    private final SessionOpener opener;

    private final ReentrantLock lock = new ReentrantLock();
    private ClientSession session;
    private long lastUsedNanos;
    private boolean unansweredPingReported;

    WebSocketConnection(int worker, WebSocketSettings settings, SocketFactory tlsSocketFactory, SessionReaper reaper,
                        Logger log) {
        this.worker = worker;
        this.settings = settings;
        this.reaper = reaper;
        this.log = log;
        this.outage = new OutageLog(log, settings.endpoint().url(), worker);
        this.opener = new SessionOpener(settings, tlsSocketFactory, reaper, outage);
    }

    /** Sends {@code messages} as one unit: OK once confirmed, RETRY if anything failed (the session is dropped). */
    FlushResult send(List<Message> messages) {
        lock.lock();
        try {
            return sendLocked(messages);
        } finally {
            lock.unlock();
        }
    }

    private FlushResult sendLocked(List<Message> messages) {
        try {
            retireIfStale();
            boolean reused = session != null;
            if (!reused && (session = opener.open()) == null) {
                return FlushResult.RETRY;
            }
            Outcome outcome = attempt(session, messages);
            if (outcome == Outcome.CONNECTION_ENDED && reused) {
                // a kept-alive connection that died unnoticed (server restart, its idle timeout): a fresh one now,
                // within this flush, instead of spending a retry on it
                if ((session = opener.open()) == null) {
                    return FlushResult.RETRY;
                }
                outcome = attempt(session, messages);
            }
            if (outcome != Outcome.DELIVERED) {
                return FlushResult.RETRY;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(session, "interrupted");
            return FlushResult.RETRY;
        }
        lastUsedNanos = System.nanoTime();
        if (!settings.net().keepalive()) {
            reaper.closeGracefully(session, "keepalive off");
            session = null;
        }
        return FlushResult.OK;
    }

    private Outcome attempt(ClientSession s, List<Message> messages) throws InterruptedException {
        try {
            for (Message m : messages) {
                s.sendFrame(m.toFrame());
            }
            long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
            Outcome outcome;
            if (settings.confirmDelivery()) {
                outcome = confirm(s, deadline);
            } else {
                s.sendWriteMarker();
                outcome = drain(s, deadline);
            }
            if (outcome == Outcome.DELIVERED) {
                // the Pong, or the write marker leaving the queue, comes after the data frames were written; on any
                // other outcome the session is dropped, frame array and all, as its write thread may still hold it
                s.framesWritten();
            }
            return outcome;
        } catch (WebsocketNotConnectedException e) {
            return ended(s);
        }
    }

    private Outcome confirm(ClientSession s, long deadline) throws InterruptedException {
        long ping = s.sendConfirmationPing();
        while (!s.awaitPong(ping, Math.min(deadline, System.nanoTime() + REPING_NANOS))) {
            if (s.hasEnded()) {
                return ended(s);
            }
            if (System.nanoTime() - deadline >= 0) {
                return unanswered(s);
            }
            // a later Pong proves the earlier frames were read too; some servers only process a read when more
            // bytes arrive, so a fresh Ping both asks again and nudges them
            log.debug("worker #{}: no Pong yet, sending another Ping", worker);
            s.sendConfirmationPing();
        }
        unansweredPingReported = false;
        return Outcome.DELIVERED;
    }

    /**
     * Without confirmation, "sent" means the library wrote every queued frame to the socket: the queue is empty
     * only once its write thread took the marker queued after the data, i.e. finished writing the data.
     */
    private Outcome drain(ClientSession s, long deadline) throws InterruptedException {
        while (s.hasBufferedData() && s.isOpen()) {
            if (Thread.interrupted()) {
                // parkNanos returns at once while the flag is set: without this the wait would spin
                throw new InterruptedException();
            }
            if (System.nanoTime() - deadline > 0) {
                discard(s, "send buffer not written");
                outage.lost("send buffer not written within " + settings.confirmTimeout().toSeconds() + "s");
                return Outcome.FAILED;
            }
            LockSupport.parkNanos(100_000);
        }
        return s.isOpen() ? Outcome.DELIVERED : ended(s);
    }

    private Outcome ended(ClientSession s) {
        discard(s, "ended");
        outage.lost(s.endReason());
        return Outcome.CONNECTION_ENDED;
    }

    private Outcome unanswered(ClientSession s) {
        discard(s, "no Pong");
        if (s.hasAnsweredAPing()) {
            // it answered before, so the connection died silently (a network partition, a host gone)
            outage.lost("no Pong within " + settings.confirmTimeout().toSeconds() + "s, connection presumed dead");
            return Outcome.FAILED;
        }
        if (!unansweredPingReported) {
            unansweredPingReported = true;
            log.error("worker #{}: the server at {} did not answer a Ping within {}s although the connection is open; "
                    + "delivery cannot be confirmed, so the chunk will be retried. If this server does not answer "
                    + "Pings (RFC 6455 requires it), set 'confirm_delivery off'", worker, settings.endpoint().url(),
                    settings.confirmTimeout().toSeconds());
        } else {
            log.debug("worker #{}: still no Pong within {}s", worker, settings.confirmTimeout().toSeconds());
        }
        return Outcome.FAILED;
    }

    private void retireIfStale() {
        if (session == null) {
            return;
        }
        if (!session.isOpen()) {
            log.debug("worker #{}: connection ended while idle: {}", worker, session.endReason());
            discard(session, "closed");
            return;
        }
        long idle = settings.net().keepaliveIdleTimeout().toNanos();
        if (idle > 0 && System.nanoTime() - lastUsedNanos > idle) {
            log.debug("worker #{}: connection idle for more than {}s, closing it", worker,
                    settings.net().keepaliveIdleTimeout().toSeconds());
            reaper.closeGracefully(session, "idle");
            session = null;
        }
    }

    private void discard(ClientSession s, String reason) {
        if (s == null) {
            return;
        }
        if (session == s) {
            session = null;
        }
        reaper.abandon(s, reason);
    }

    /** How many data frames the open session framed into its reused array (0 without a session). */
    long framesInReusedArray() {
        lock.lock();
        try {
            return session == null ? 0 : session.framingDraft().framesInReusedArray();
        } finally {
            lock.unlock();
        }
    }

    /** Closes cleanly (1000) and waits up to {@code millis} for the server to complete the close handshake. */
    void close(long millis) throws InterruptedException {
        ClientSession s = beginClose();
        if (s != null) {
            finishClose(s, System.nanoTime() + millis * 1_000_000L);
        }
    }

    /** Starts the close handshake (1000) and returns the session to wait for, or null when none was open. */
    ClientSession beginClose() {
        ClientSession s;
        lock.lock();
        try {
            s = session;
            session = null;
        } finally {
            lock.unlock();
        }
        if (s != null) {
            reaper.closeGracefully(s, "shutdown");
        }
        return s;
    }

    /** Waits until {@code deadline} (System.nanoTime()) for {@code s} to end, then drops it hard. */
    void finishClose(ClientSession s, long deadline) throws InterruptedException {
        long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
        if (!s.awaitEnd(left)) {
            reaper.abandon(s, "close handshake not completed");
        }
    }

    /**
     * Closes the session if it has been idle longer than {@code net.keepalive_idle_timeout}; called periodically from
     * another thread, it skips a connection that is busy sending (that one is in use, not idle).
     */
    void closeIfIdle() {
        if (lock.tryLock()) {
            try {
                retireIfStale();
            } finally {
                lock.unlock();
            }
        }
    }
}
