package io.sluice.output.websocket;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.SocketFactory;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;

/**
 * The connection of one worker and its supervisor: uses the open session if it is alive and not idle too long, else
 * a fresh one, sends one flush's messages and confirms them. Only the owning worker calls {@link #send}, so at most
 * one chunk per connection is ever in flight (the library's send queue is unbounded); any failure discards the
 * session and the next attempt starts a new one.
 *
 * <p>With {@code confirm_delivery on} a Ping follows every few messages, so when a connection ends in the middle of a
 * chunk the messages the server confirmed before are known and need not be sent again.
 */
final class WebSocketConnection {

    /** A Ping after at most this many messages... */
    static final int PING_EVERY_MESSAGES = 16;
    /** ...or this many payload bytes, whichever comes first, and after the last message. */
    static final long PING_EVERY_BYTES = 8 * 1024;
    private static final long REPING_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How one attempt ended. */
    enum Outcome { DELIVERED, CONNECTION_ENDED, FAILED }

    /**
     * What became of one flush's messages.
     *
     * @param outcome      delivered, or how it failed
     * @param confirmed    how many leading messages the server confirmed (all of them when delivered)
     * @param tooBigSize   when the server closed with 1009 (message too big) while messages were unconfirmed, the
     *                     size of the largest of them; else 0
     * @param refusedProbe when that close came while the only unconfirmed message was a
     *                     {@link Message#probe() probe}, its index; else -1
     */
    record Result(Outcome outcome, int confirmed, int tooBigSize, int refusedProbe) {

        static final Result NOT_SENT = new Result(Outcome.FAILED, 0, 0, -1);

        boolean delivered() {
            return outcome == Outcome.DELIVERED;
        }
    }

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
    /** Why the last session ended, when the server closed it with 1009: logged only if that teaches nothing. */
    private String tooBigEnd;
    /**
     * Without confirmation: the largest message sent on a connection the server later closed with 1009, although
     * what was sent on it had been counted delivered; 0 for none.
     */
    private int tooBigAfterDelivery;

    WebSocketConnection(int worker, WebSocketSettings settings, SocketFactory tlsSocketFactory, SessionReaper reaper,
                        Logger log) {
        this.worker = worker;
        this.settings = settings;
        this.reaper = reaper;
        this.log = log;
        this.outage = new OutageLog(log, settings.endpoint().url(), worker);
        this.opener = new SessionOpener(settings, tlsSocketFactory, reaper, outage);
    }

    /**
     * The attempt that failed will be followed by another: it waits for the backoff, so that a connection that ended
     * before the server took everything is not reopened at once, whether it never carried anything (a server that
     * closes every connection) or was cut short. Not needed after {@link Result#NOT_SENT} (the failed connection
     * attempt counted already), nor after a 1009 that taught a smaller message size (the server said what was wrong).
     */
    void paceNextAttempt() {
        lock.lock();
        try {
            opener.sessionFailed();
        } finally {
            lock.unlock();
        }
    }

    /**
     * With {@code confirm_delivery off}: the largest message sent on a connection the server closed with 1009 after
     * its chunks had been counted delivered (what it refused is lost), once; 0 for none.
     */
    int takeTooBigAfterDelivery() {
        lock.lock();
        try {
            retireIfStale();
            int size = tooBigAfterDelivery;
            tooBigAfterDelivery = 0;
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** The server's last 1009 taught nothing (the messages are as small as they get): that is an outage. */
    void tooBigTaughtNothing() {
        lock.lock();
        try {
            if (tooBigEnd != null) {
                outage.lost(tooBigEnd);
                tooBigEnd = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code messages} in order on one connection and says how far the server confirmed them. */
    Result send(List<Message> messages) {
        lock.lock();
        try {
            return sendLocked(messages);
        } finally {
            lock.unlock();
        }
    }

    private Result sendLocked(List<Message> messages) {
        Result result;
        try {
            retireIfStale();
            boolean reused = session != null;
            if (!reused && (session = opener.open()) == null) {
                return Result.NOT_SENT;
            }
            result = attempt(session, messages);
            if (result.outcome() == Outcome.CONNECTION_ENDED && reused && result.confirmed() == 0
                    && result.tooBigSize() == 0) {
                // a kept-alive connection that died unnoticed (server restart, its idle timeout): a fresh one now,
                // within this flush, instead of spending a retry on it
                if ((session = opener.open()) == null) {
                    return Result.NOT_SENT;
                }
                result = attempt(session, messages);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(session, "interrupted");
            return Result.NOT_SENT;
        }
        if (result.confirmed() > 0) {
            opener.delivered();
            outage.delivered();
        }
        if (!result.delivered()) {
            return result;
        }
        lastUsedNanos = System.nanoTime();
        if (!settings.net().keepalive()) {
            reaper.closeGracefully(session, "keepalive off");
            session = null;
        }
        return result;
    }

    private Result attempt(ClientSession s, List<Message> messages) throws InterruptedException {
        int n = messages.size();
        boolean confirm = settings.confirmDelivery();
        long[] pingAfter = new long[n];
        int sent = 0;
        long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
        Outcome outcome = null;
        try {
            int unpingedMessages = 0;
            long unpingedBytes = 0;
            for (int i = 0; i < n && outcome == null; i++) {
                Message m = messages.get(i);
                if (confirm && m.probe() && (unpingedMessages > 0 || !s.hasAnsweredAPing()
                        || i > 0 && s.lastPongId() < pingAfter[i - 1])) {
                    // a probe goes alone: everything before it confirmed, and the server seen to answer on this
                    // connection, so that a 1009 now can only be about the probe
                    long id = s.sendConfirmationPing();
                    if (i > 0) {
                        pingAfter[i - 1] = id;
                    }
                    unpingedMessages = 0;
                    unpingedBytes = 0;
                    outcome = settled(awaitConfirmation(s, id, deadline));
                    if (outcome != null) {
                        break;
                    }
                }
                s.sendData(m);
                sent = i + 1;
                unpingedMessages++;
                unpingedBytes += m.length();
                if (confirm && (m.probe() || i == n - 1 || unpingedMessages >= PING_EVERY_MESSAGES
                        || unpingedBytes >= PING_EVERY_BYTES)) {
                    pingAfter[i] = s.sendConfirmationPing();
                    unpingedMessages = 0;
                    unpingedBytes = 0;
                    if (m.probe()) {
                        outcome = settled(awaitConfirmation(s, pingAfter[i], deadline));
                    }
                }
            }
            if (outcome == null) {
                if (n == 0) {
                    outcome = Outcome.DELIVERED;
                } else if (confirm) {
                    outcome = awaitConfirmation(s, pingAfter[n - 1], deadline);
                } else {
                    s.sendWriteMarker();
                    outcome = drain(s, deadline);
                }
            }
        } catch (WebsocketNotConnectedException e) {
            outcome = ended(s);
        }
        if (outcome == Outcome.DELIVERED) {
            // the Pong, or the write marker leaving the queue, comes after the data frames were written; on any
            // other outcome the session is dropped, frame array and all, as its write thread may still hold it
            s.framesWritten();
            s.countedDelivered();
            return new Result(outcome, n, 0, -1);
        }
        int confirmed = confirm ? confirmedPrefix(pingAfter, sent, s.lastPongId()) : 0;
        int tooBig = 0;
        int refusedProbe = -1;
        if (s.closeFrameCode() == CloseFrame.TOOBIG && confirmed < sent) {
            for (int i = confirmed; i < sent; i++) {
                tooBig = Math.max(tooBig, messages.get(i).length());
            }
            if (confirm && sent == confirmed + 1 && messages.get(confirmed).probe()) {
                refusedProbe = confirmed;
            }
        }
        return new Result(outcome, confirmed, tooBig, refusedProbe);
    }

    /** Null to go on after a confirmation on the way, else the outcome that ends the attempt. */
    private static Outcome settled(Outcome outcome) {
        return outcome == Outcome.DELIVERED ? null : outcome;
    }

    /** How many leading messages the Pongs received so far confirm. */
    private static int confirmedPrefix(long[] pingAfter, int sent, long lastPong) {
        for (int i = sent - 1; i >= 0; i--) {
            if (pingAfter[i] != 0 && pingAfter[i] <= lastPong) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Waits for the Pong of Ping {@code ping} (or a later one): DELIVERED, or how the wait failed. */
    private Outcome awaitConfirmation(ClientSession s, long ping, long deadline) throws InterruptedException {
        while (!s.awaitPong(ping, Math.min(deadline, System.nanoTime() + REPING_NANOS))) {
            if (s.hasEnded() || !s.usable()) {
                if (!s.hasEnded()) {
                    // the server's Close was read: its Pongs, if any, have been processed before it
                    s.awaitEnd(SessionReaper.RELEASE_GRACE_MILLIS);
                    if (s.lastPongId() >= ping) {
                        break;
                    }
                }
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
     * only once its write thread took the marker queued after the data, i.e. finished writing the data. (A Close
     * from the server empties the queue too, but then the session is no longer usable.)
     */
    private Outcome drain(ClientSession s, long deadline) throws InterruptedException {
        while (s.hasBufferedData() && s.usable()) {
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
        return s.usable() ? Outcome.DELIVERED : ended(s);
    }

    private Outcome ended(ClientSession s) throws InterruptedException {
        if (!s.hasEnded()) {
            // the server's Close was read and answered: the reason is known once the library has closed
            s.awaitEnd(SessionReaper.RELEASE_GRACE_MILLIS);
        }
        discard(s, "ended");
        if (s.closeFrameReceived() && s.hasAnsweredAPing()) {
            // a close after the server confirmed data on this connection (a restart, a limit, a rebalance) is not an
            // outage: what it did not confirm goes on a new connection
            log.debug("worker #{}: {} after confirming data; going on with a new connection", worker, s.endReason());
        } else if (s.closeFrameCode() == CloseFrame.TOOBIG) {
            // the output says what a message too big means, once; an outage only if smaller messages cannot help
            tooBigEnd = s.endReason();
            log.debug("worker #{}: {}", worker, tooBigEnd);
        } else {
            outage.lost(s.endReason());
        }
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
        if (!session.usable()) {
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
        if (s.closeFrameCode() == CloseFrame.TOOBIG && !settings.confirmDelivery()) {
            // messages of earlier flushes, counted delivered once written, may be what the server refused
            tooBigAfterDelivery = Math.max(tooBigAfterDelivery, s.largestCountedDelivered());
        }
        if (s.closeFrameReceived()) {
            // the library answers the server's Close and closes the socket; the reaper makes sure it does
            reaper.release(s, reason);
        } else {
            reaper.abandon(s, reason);
        }
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
