package io.sluice.output.websocket;

import io.sluice.support.net.TlsSettings;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.java_websocket.drafts.Draft;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One connection attempt and, if the upgrade succeeds, the connection's life: never reused after it closes. Every
 * callback runs on the library's read thread, so callbacks only record state and wake waiters; they never block.
 *
 * <p>Once the server's Close frame has been read nothing more is sent on the connection (RFC 6455 section 5.5.1):
 * frames still queued are dropped before the library answers the Close (it would send them first), and later sends
 * fail as on a closed connection.
 */
final class ClientSession extends WebSocketClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CAUSE_WAIT_MILLIS = 200;

    private final TlsSettings tls;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final CountDownLatch endLatch = new CountDownLatch(1);
    private final CountDownLatch errorSeen = new CountDownLatch(1);
    private volatile int closeCode;
    private final Object pongMonitor = new Object();
    /** Held while a frame is queued, and while a Close from the server stops all sending. */
    private final Object sendLock = new Object();
    private volatile boolean closeFrameReceived;
    private volatile int closeFrameCode;
    private final long pingNonce = RANDOM.nextLong();
    private long lastPingId;
    private long lastPongId;
    private volatile boolean ended;
    private volatile boolean upgraded;
    private volatile int largestMessageSent;
    private volatile int largestCountedDelivered;
    private volatile String endReason;
    private volatile Exception error;
    private volatile String extension = "";
    private HandshakeCapturingSocket capturingSocket;

    ClientSession(URI uri, FastMaskingDraft draft, Map<String, String> headers, TlsSettings tls) {
        super(uri, draft, headers, 0);
        this.tls = tls;
        setDaemon(true);
        setTcpNoDelay(true);
        // liveness is proven per chunk by our own Ping; the library's checker would close on its own schedule
        setConnectionLostTimeout(0);
        framingDraft().onCloseFrame(this::closeFrameArrived);
    }

    /**
     * Connects over {@code socket} (plain TCP) so that a refused upgrade's body can be reported. The library
     * deprecates {@code setSocket} in favour of a socket factory, which cannot hand back the socket it made; the
     * capture tests pin that this still works.
     */
    @SuppressWarnings("deprecation")
    void useCapturingSocket(HandshakeCapturingSocket socket) {
        capturingSocket = socket;
        setSocket(socket);
    }

    /** The first line of the server's response body, when it was captured, else empty. */
    String responseBodyLine() {
        return capturingSocket == null ? "" : capturingSocket.firstBodyLine();
    }

    /** Starts the attempt and waits until the upgrade succeeded (true), failed or timed out (false). */
    boolean open(long timeoutMillis) throws InterruptedException {
        connect();
        return settled.await(timeoutMillis, TimeUnit.MILLISECONDS) && isOpen();
    }

    /** Whether the server accepted the upgrade (even if it closed the connection right after). */
    boolean upgraded() {
        return upgraded;
    }

    /** Whether the attempt ended (failed or closed) rather than timing out. */
    boolean hasEnded() {
        return ended;
    }

    /** Waits up to {@code millis} for the connection to end; whether it did. */
    boolean awaitEnd(long millis) throws InterruptedException {
        return endLatch.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Why the attempt failed. The library may report the cause (e.g. a TLS handshake exception) from its other
     * thread just after the close, so an abnormal end waits a moment for it.
     */
    String failureReason() throws InterruptedException {
        if (error == null && (closeCode == CloseFrame.NEVER_CONNECTED || closeCode == CloseFrame.ABNORMAL_CLOSE)) {
            errorSeen.await(CAUSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
        return endReason();
    }

    /** Why the connection ended or failed, for log lines; never contains header values. */
    String endReason() {
        Exception e = error;
        String reason = endReason == null ? "connection closed" : endReason;
        if (e == null || e.getMessage() != null && !e.getMessage().isEmpty() && reason.contains(e.getMessage())) {
            return reason;
        }
        return reason + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** The negotiated extension, e.g. {@code permessage-deflate}, or empty. */
    String negotiatedExtension() {
        return extension;
    }

    /**
     * Queues one data message.
     *
     * @throws WebsocketNotConnectedException if the connection is closed or the server has sent its Close
     */
    void sendData(Message message) {
        synchronized (sendLock) {
            checkNoCloseFromServer();
            sendFrame(message.toFrame());
            largestMessageSent = Math.max(largestMessageSent, message.length());
        }
    }

    /** Every message sent so far is counted delivered (written, without confirmation). */
    void countedDelivered() {
        largestCountedDelivered = largestMessageSent;
    }

    /** The size of the largest message sent on this connection and counted delivered, in bytes; 0 for none. */
    int largestCountedDelivered() {
        return largestCountedDelivered;
    }

    /** Sends a Ping whose payload is unique to this session and this call; returns its id for {@link #awaitPong}. */
    long sendConfirmationPing() {
        synchronized (sendLock) {
            checkNoCloseFromServer();
            long id;
            synchronized (pongMonitor) {
                id = ++lastPingId;
            }
            PingFrame ping = new PingFrame();
            ping.setPayload(ByteBuffer.allocate(16).putLong(pingNonce).putLong(id).flip());
            sendFrame(ping);
            return id;
        }
    }

    private void checkNoCloseFromServer() {
        if (closeFrameReceived) {
            throw new WebsocketNotConnectedException();
        }
    }

    /**
     * The server's Close frame has been read (on the library's read thread, before the library answers it): no frame
     * may follow on this connection, so the queued ones that have not started to be written are dropped and later
     * sends fail.
     */
    private void closeFrameArrived(int code) {
        synchronized (sendLock) {
            if (closeFrameReceived) {
                return;
            }
            closeFrameCode = code;
            closeFrameReceived = true;
            ((WebSocketImpl) getConnection()).outQueue.clear();
        }
        if (capturingSocket != null) {
            capturingSocket.closeFrameRead();
        }
    }

    /** Whether the server has sent its Close frame. */
    boolean closeFrameReceived() {
        return closeFrameReceived;
    }

    /** The status code of the server's Close frame ({@link CloseFrame#NOCODE} if it had none), 0 before one came. */
    int closeFrameCode() {
        return closeFrameCode;
    }

    /** Whether the connection is open and may still carry data. */
    boolean usable() {
        return isOpen() && !closeFrameReceived;
    }

    /** The id of the last Ping the server answered (0 for none); Pongs come in order, so every earlier one too. */
    long lastPongId() {
        synchronized (pongMonitor) {
            return lastPongId;
        }
    }

    /**
     * Queues an empty unsolicited Pong, a heartbeat the server does not answer (RFC 6455 section 5.5.3). The
     * library's write thread takes a frame from its queue and then writes it, so an empty queue alone does not mean
     * the last data frame is written; once this marker has been taken, every frame before it has been.
     */
    void sendWriteMarker() {
        synchronized (sendLock) {
            checkNoCloseFromServer();
            sendFrame(new PongFrame());
        }
    }

    /** Every data frame sent so far is known to be written (confirmed or drained): its array may be reused. */
    void framesWritten() {
        framingDraft().framesWritten();
    }

    /** The draft that frames this session's messages: the library's connection works on its own copy. */
    FastMaskingDraft framingDraft() {
        Draft draft = getConnection().getDraft();
        return (FastMaskingDraft) draft;
    }

    /** Whether the server has answered any of this session's Pings. */
    boolean hasAnsweredAPing() {
        synchronized (pongMonitor) {
            return lastPongId > 0;
        }
    }

    /** Waits until the Pong of ping {@code id} arrived (true), or the connection ended or time ran out (false). */
    boolean awaitPong(long id, long deadlineNanos) throws InterruptedException {
        synchronized (pongMonitor) {
            while (lastPongId < id && !ended) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(pongMonitor, left);
            }
            return lastPongId >= id;
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        String ext = handshake.getFieldValue("Sec-WebSocket-Extensions");
        extension = ext == null ? "" : ext;
        upgraded = true;
        settled.countDown();
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        ByteBuffer payload = f.getPayloadData();
        if (payload.remaining() != 16 || payload.getLong(payload.position()) != pingNonce) {
            return;
        }
        long id = payload.getLong(payload.position() + 8);
        synchronized (pongMonitor) {
            if (id > lastPongId && id <= lastPingId) {
                lastPongId = id;
                pongMonitor.notifyAll();
            }
        }
    }

    @Override
    public void onMessage(String message) {
        // the server has nothing to tell a log forwarder; what it sends is read and dropped
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        // as above
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        String what;
        if (closeFrameReceived && code != closeFrameCode) {
            // the server sent its Close and dropped the connection before the handshake could complete
            what = "server closed the connection (code " + closeFrameCode + ")";
        } else if (code == CloseFrame.NEVER_CONNECTED) {
            what = "connection failed";
        } else if (code == CloseFrame.ABNORMAL_CLOSE) {
            what = "connection lost";
        } else {
            what = (remote ? "server closed the connection" : "connection closed") + " (code " + code + ")";
        }
        endReason = reason == null || reason.isBlank() ? what : what + ": " + reason;
        ended = true;
        synchronized (pongMonitor) {
            pongMonitor.notifyAll();
        }
        settled.countDown();
        endLatch.countDown();
    }

    @Override
    public void onError(Exception ex) {
        error = ex;
        errorSeen.countDown();
    }

    @Override
    protected void onSetSSLParameters(SSLParameters parameters) {
        tls.applyTo(parameters, uri.getHost());
    }
}
