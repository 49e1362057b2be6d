package io.sluice.distribution.fake;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A scripted RFC 6455 server on 127.0.0.1 for fault tests: correct by default, misbehaving as its {@link FailureMode}
 * says, recording every handshake, message and close it receives. Thread per connection, all daemon, all ended by
 * {@link #close()}. Counts ("after N messages") are per connection.
 */
public final class FakeWebSocketServer implements AutoCloseable {

    private final ServerScript script = new ServerScript();
    private final ReceivedLog log = new ReceivedLog();
    private final ServerCounters counters = new ServerCounters();
    private final ConnectionAcceptor acceptor;
    private final RecordFormat recordFormat;
    private final ScheduledExecutorService watchdog;
    private volatile Thread watchdogThread;
    private boolean running;
    private boolean closed;

    private FakeWebSocketServer(FakeWebSocketServerBuilder b) {
        script.mode = b.mode;
        script.messagesBeforeFailure = b.messagesBeforeFailure;
        script.slowReadBytesPerSecond = b.slowReadBytesPerSecond;
        script.idleTimeout = b.idleTimeout;
        script.strictUtf8 = b.strictUtf8;
        script.maxMessageBytes = b.maxMessageBytes;
        script.messageSizeLimit = b.messageSizeLimit;
        script.closeCode = b.closeCode;
        recordFormat = b.recordFormat;
        acceptor = new ConnectionAcceptor(b.port, b.receiveBufferBytes, script, log, counters);
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-ws-watchdog");
            t.setDaemon(true);
            watchdogThread = t;
            return t;
        });
    }

    static FakeWebSocketServer started(FakeWebSocketServerBuilder builder) {
        FakeWebSocketServer server = new FakeWebSocketServer(builder);
        server.acceptor.listen();
        server.running = true;
        server.syncListening();
        server.watchdog.scheduleAtFixedRate(server::tick, 20, 20, TimeUnit.MILLISECONDS);
        return server;
    }

    /** A builder for a server with options; {@code start()} it. */
    public static FakeWebSocketServerBuilder builder() {
        return new FakeWebSocketServerBuilder();
    }

    /** A started server on a free port with default options and {@code mode}. */
    public static FakeWebSocketServer startWith(FailureMode mode) {
        return builder().failureMode(mode).start();
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------------

    /** The port, fixed for the server's life. */
    public int port() {
        return acceptor.port();
    }

    /** {@code ws://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path));
    }

    /** Whether the port accepts connections now. */
    public boolean isListening() {
        return acceptor.listening();
    }

    /** Listens again on the same port after {@link #stop()} or {@link #killAbruptly()}. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the fake server is closed");
        }
        running = true;
        syncListening();
    }

    /** Stops listening and closes every connection as a server going away would: close 1001, then FIN. */
    public synchronized void stop() {
        running = false;
        syncListening();
        for (ServerConnection c : acceptor.connections()) {
            c.startClose(1001, "server going away");
            c.closeSocket(false);
        }
    }

    /** Stops listening and resets every connection (RST, no close frame), as when the process is killed. */
    public synchronized void killAbruptly() {
        running = false;
        syncListening();
        for (ServerConnection c : acceptor.connections()) {
            c.closeSocket(true);
        }
    }

    /** Stops now and starts again on the same port after {@code down}; the future completes once listening. */
    public CompletableFuture<Void> flap(Duration down) {
        stop();
        CompletableFuture<Void> back = new CompletableFuture<>();
        watchdog.schedule(() -> {
            try {
                start();
                back.complete(null);
            } catch (RuntimeException e) {
                back.completeExceptionally(e);
            }
        }, down.toNanos(), TimeUnit.NANOSECONDS);
        return back;
    }

    /** Closes the listener and every connection, and waits for all of the server's threads to end. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            running = false;
            syncListening();
        }
        watchdog.shutdownNow();
        for (ServerConnection c : acceptor.connections()) {
            c.closeSocket(false);
        }
        try {
            watchdog.awaitTermination(2, TimeUnit.SECONDS);
            // a terminated executor's last worker may still be on its way out; join it so "ended" means ended
            Thread t = watchdogThread;
            if (t != null) {
                t.join(2000);
            }
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- script ----------------------------------------------------------------------------------------------------

    public FailureMode failureMode() {
        return script.mode;
    }

    /** Switches the failure mode; {@link FailureMode#REFUSE_CONNECTION} closes the listener, others reopen it. */
    public synchronized void setFailureMode(FailureMode mode) {
        script.mode = mode;
        syncListening();
    }

    /**
     * N for {@link FailureMode#DROP_MID_FRAME}, {@link FailureMode#CLOSE_1011_AFTER_N} and
     * {@link FailureMode#CLOSE_THEN_KEEP_OPEN}, per connection.
     */
    public void setMessagesBeforeFailure(int n) {
        script.messagesBeforeFailure = n;
    }

    /** The read rate of {@link FailureMode#SLOW_READER}. */
    public void setSlowReadBytesPerSecond(int bytesPerSecond) {
        script.slowReadBytesPerSecond = bytesPerSecond;
    }

    /** How long a connection may go without a data message under {@link FailureMode#IDLE_CLOSE}. */
    public void setIdleTimeout(Duration idle) {
        script.idleTimeout = idle;
    }

    /** The limit of {@link FailureMode#CLOSE_1009_ABOVE_LIMIT}, in payload bytes per message. */
    public void setMessageSizeLimit(int bytes) {
        script.messageSizeLimit = bytes;
    }

    /** The close status of {@link FailureMode#CLOSE_EVERY_CONNECTION}. */
    public void setCloseCode(int code) {
        script.closeCode = code;
    }

    /** Whether a text message with invalid UTF-8 fails the connection with 1007 (RFC 6455 says it must). */
    public void setStrictUtf8(boolean strict) {
        script.strictUtf8 = strict;
    }

    // ---- counters --------------------------------------------------------------------------------------------------

    public int connectionsAccepted() {
        return counters.connectionsAccepted.get();
    }

    /** Handshakes answered with a correct 101 (not those under WRONG_ACCEPT). */
    public int handshakesCompleted() {
        return counters.handshakesCompleted.get();
    }

    public int pingsAnswered() {
        return counters.pingsAnswered.get();
    }

    /** Pings left unanswered under {@link FailureMode#NO_PONG}. */
    public int pingsIgnored() {
        return counters.pingsIgnored.get();
    }

    public int openConnections() {
        return counters.openConnections.get();
    }

    /** Messages that arrived after the server had sent its close frame, and so were not recorded. */
    public int messagesDiscarded() {
        return counters.messagesDiscarded.get();
    }

    /** Messages refused with 1009 under {@link FailureMode#CLOSE_1009_ABOVE_LIMIT}. */
    public int tooBigCloses() {
        return counters.tooBigCloses.get();
    }

    /** Close frames the server started a closing handshake with (answers to a client's close not included). */
    public int closesSent() {
        return counters.closesSent.get();
    }

    /**
     * Messages the server recorded on a connection after the last Pong it sent there and before it started to close
     * it: a client that counts a message delivered only once a Pong confirms it cannot know these arrived, so they
     * are the only ones it may send again.
     */
    public int messagesUnconfirmedAtClose() {
        return counters.unconfirmedAtClose.get();
    }

    /** Frames cut in half under {@link FailureMode#DROP_MID_FRAME}. */
    public int framesCutOff() {
        return counters.framesCutOff.get();
    }

    // ---- what was received -----------------------------------------------------------------------------------------

    public List<ReceivedMessage> messages() {
        return log.messages();
    }

    public int messageCount() {
        return log.messageCount();
    }

    /** Payload bytes of every recorded message. */
    public long bytesReceived() {
        return log.bytes();
    }

    /** Every opening handshake request, including refused and unanswered ones, in arrival order. */
    public List<HandshakeRequest> handshakes() {
        return log.handshakes();
    }

    /** Every close frame clients sent. */
    public List<CloseFrame> closesReceived() {
        return log.closes();
    }

    /** Records in the server's record format (AUTO unless the builder said otherwise). */
    public List<Map<String, Object>> records() {
        return log.records(recordFormat);
    }

    public List<Map<String, Object>> records(RecordFormat format) {
        return log.records(format);
    }

    /** The integer {@code field} (e.g. {@code seq}) of every record, in the server's record format. */
    public ReceivedRecords seqs(String field) {
        return log.seqs(recordFormat, field);
    }

    public ReceivedRecords seqs(RecordFormat format, String field) {
        return log.seqs(format, field);
    }

    // ---- waiting ---------------------------------------------------------------------------------------------------

    public List<ReceivedMessage> awaitMessages(int n, Duration timeout) {
        awaitCount("messages", log::messageCount, n, timeout);
        return log.messages();
    }

    public List<Map<String, Object>> awaitRecords(int n, Duration timeout) {
        awaitCount("records", () -> log.recordCount(recordFormat), n, timeout);
        return log.records(recordFormat);
    }

    /** Waits until every {@code field} value in {@code [from, to]} has arrived; fails with a summary otherwise. */
    public ReceivedRecords awaitSeqs(String field, long from, long to, Duration timeout) {
        return Deadline.await(() -> log.seqs(recordFormat, field), r -> r.containsAll(from, to), timeout,
                r -> r.summary(from, to));
    }

    public List<HandshakeRequest> awaitHandshakes(int n, Duration timeout) {
        awaitCount("handshake requests", () -> log.handshakes().size(), n, timeout);
        return log.handshakes();
    }

    public List<CloseFrame> awaitClosesReceived(int n, Duration timeout) {
        awaitCount("close frames from clients", () -> log.closes().size(), n, timeout);
        return log.closes();
    }

    public void awaitConnectionsAccepted(int n, Duration timeout) {
        awaitCount("connections accepted", this::connectionsAccepted, n, timeout);
    }

    public void awaitPingsIgnored(int n, Duration timeout) {
        awaitCount("pings ignored", this::pingsIgnored, n, timeout);
    }

    /** Waits until exactly {@code n} connections are open. */
    public void awaitOpenConnections(int n, Duration timeout) {
        Deadline.await(this::openConnections, open -> open == n, timeout, open -> open + " open connections, want " + n);
    }

    private static void awaitCount(String what, IntSupplier count, int atLeast, Duration timeout) {
        Deadline.await(count::getAsInt, c -> c >= atLeast, timeout, c -> c + " " + what + ", want " + atLeast);
    }

    private void syncListening() {
        if (running && !closed && script.mode != FailureMode.REFUSE_CONNECTION) {
            acceptor.listen();
        } else {
            acceptor.stopListening();
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (ServerConnection c : acceptor.connections()) {
            try {
                c.tick(now);
            } catch (RuntimeException e) {
                // a periodic task that throws is cancelled for good: report the bug and keep ticking
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }
}
