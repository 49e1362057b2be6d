package io.sluice.distribution.fake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One client connection on its own thread: the handshake, then frames, misbehaving as the script says. */
final class ServerConnection implements Runnable {

    private final int id;
    private final Socket socket;
    private final ServerScript script;
    private final ReceivedLog log;
    private final ServerCounters counters;
    private final Object writeLock = new Object();
    private volatile boolean upgraded;
    private volatile long lastDataNanos = System.nanoTime();
    private volatile long closeSentNanos;
    private volatile boolean closeSent;
    /** The server sent its close under CLOSE_THEN_KEEP_OPEN: the socket stays open whatever the client does. */
    private volatile boolean keepOpen;
    /** The message being read was refused with 1009: it is neither recorded nor counted as discarded. */
    private boolean refusingMessage;
    private int messagesHere;
    /** Messages recorded on this connection after the last Pong the server sent. */
    private int messagesSincePong;

    ServerConnection(int id, Socket socket, ServerScript script, ReceivedLog log, ServerCounters counters) {
        this.id = id;
        this.socket = socket;
        this.script = script;
        this.log = log;
        this.counters = counters;
    }

    int id() {
        return id;
    }

    @Override
    public void run() {
        try {
            InputStream in = new BufferedInputStream(
                    new ThrottledInputStream(socket.getInputStream(), script::readRateLimit), 8192);
            if (handshake(in, socket.getOutputStream())) {
                readFrames(new FrameReader(in));
            }
        } catch (IOException e) {
            // the peer went away or broke the protocol mid-frame: the connection simply ends, as on a real server
        } finally {
            closeQuietly();
            counters.openConnections.decrementAndGet();
        }
    }

    /** Called about every 20 ms by the server's watchdog: idle closes and overdue closing handshakes. */
    void tick(long now) {
        if (closeSent) {
            if (!keepOpen && now - closeSentNanos > script.closeWait.toNanos()) {
                closeQuietly();
            }
        } else if (upgraded && script.mode == FailureMode.IDLE_CLOSE
                && now - lastDataNanos > script.idleTimeout.toNanos()) {
            startClose(1001, "idle timeout");
        }
    }

    /** Starts the closing handshake; the socket closes when the client answers or after the close wait. */
    void startClose(int code, String reason) {
        synchronized (writeLock) {
            if (closeSent) {
                return;
            }
            closeSentNanos = System.nanoTime();
            closeSent = true;
            counters.closesSent.incrementAndGet();
            counters.unconfirmedAtClose.addAndGet(messagesSincePong);
            try {
                write(ServerFrames.close(code, reason));
            } catch (IOException e) {
                closeQuietly();
            }
        }
    }

    /** Closes the socket with a FIN, or with a RST when {@code reset}. */
    void closeSocket(boolean reset) {
        if (reset) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // already closed: nothing left to reset
            }
        }
        closeQuietly();
    }

    private boolean handshake(InputStream in, OutputStream out) throws IOException {
        HandshakeRequest request = HandshakeRequest.read(in, id);
        if (request == null) {
            return false;
        }
        log.addHandshake(request);
        FailureMode mode = script.mode;
        if (mode == FailureMode.NO_UPGRADE_ANSWER) {
            in.transferTo(OutputStream.nullOutputStream());
            return false;
        }
        if (mode == FailureMode.HTTP_403) {
            write(HandshakeResponses.error(403, "Forbidden", "forbidden by the fake server\n", ""));
            return false;
        }
        String problem = request.problem();
        if (problem != null) {
            String extra = problem.startsWith("Sec-WebSocket-Version") ? "Sec-WebSocket-Version: 13\r\n" : "";
            int status = extra.isEmpty() ? 400 : 426;
            write(HandshakeResponses.error(status, status == 400 ? "Bad Request" : "Upgrade Required",
                    problem + "\n", extra));
            return false;
        }
        String accept = HandshakeResponses.acceptFor(request.key());
        if (mode == FailureMode.WRONG_ACCEPT) {
            accept = HandshakeResponses.acceptFor(request.key() + "wrong");
        }
        if (mode != FailureMode.WRONG_ACCEPT) {
            counters.handshakesCompleted.incrementAndGet();
        }
        write(HandshakeResponses.switchingProtocols(accept));
        lastDataNanos = System.nanoTime();
        upgraded = true;
        if (mode == FailureMode.CLOSE_1011_AFTER_N && script.messagesBeforeFailure <= 0) {
            startClose(1011, "fake server: internal error after 0 messages");
        } else if (mode == FailureMode.CLOSE_EVERY_CONNECTION) {
            startClose(script.closeCode, "fake server: closes every connection");
        } else if (mode == FailureMode.CLOSE_THEN_KEEP_OPEN && script.messagesBeforeFailure <= 0) {
            closeAndKeepOpen();
        }
        return true;
    }

    private void readFrames(FrameReader reader) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int messageOpcode = -1;
        FrameReader.Header h;
        while ((h = reader.readHeader()) != null) {
            FrameRules.Violation violation = FrameRules.violation(h, messageOpcode, message.size(),
                    script.maxMessageBytes);
            if (violation != null) {
                failConnection(violation.code(), violation.reason());
                return;
            }
            if (h.data() && !closeSent && script.mode == FailureMode.DROP_MID_FRAME
                    && messagesHere >= script.messagesBeforeFailure) {
                reader.skip(h.length() / 2);
                counters.framesCutOff.incrementAndGet();
                closeSocket(true);
                return;
            }
            if (h.data() && !closeSent && script.mode == FailureMode.CLOSE_1009_ABOVE_LIMIT
                    && message.size() + h.length() > script.messageSizeLimit) {
                // as a server with a limit does: refuse on the header, before reading the payload
                counters.tooBigCloses.incrementAndGet();
                refusingMessage = true;
                startClose(1009, "message too big: the limit is " + script.messageSizeLimit + " bytes");
            }
            byte[] payload = new byte[(int) h.length()];
            reader.readPayload(h, payload, 0);
            if (h.control()) {
                if (!control(h.opcode(), payload)) {
                    return;
                }
                continue;
            }
            if (h.opcode() != FrameReader.CONTINUATION) {
                messageOpcode = h.opcode();
            }
            message.write(payload, 0, payload.length);
            if (h.fin()) {
                if (!complete(messageOpcode, message.toByteArray())) {
                    return;
                }
                message.reset();
                messageOpcode = -1;
            }
        }
    }

    /** Handles a control frame; false when the connection is over. */
    private boolean control(int opcode, byte[] payload) throws IOException {
        if (opcode == FrameReader.PING) {
            if (closeSent) {
                return true;
            }
            if (script.mode == FailureMode.NO_PONG) {
                counters.pingsIgnored.incrementAndGet();
            } else {
                counters.pingsAnswered.incrementAndGet();
                write(ServerFrames.frame(FrameReader.PONG, payload));
                messagesSincePong = 0;
            }
            return true;
        }
        if (opcode == FrameReader.CLOSE) {
            int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
            log.addClose(new CloseFrame(id, code, reason));
            if (keepOpen) {
                // the close handshake is complete, yet this server keeps the connection open and reads on
                return true;
            }
            synchronized (writeLock) {
                if (!closeSent) {
                    closeSent = true;
                    closeSentNanos = System.nanoTime();
                    write(ServerFrames.frame(FrameReader.CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]}
                            : new byte[0]));
                }
            }
            closeQuietly();
            return false;
        }
        return true;
    }

    /** Records a whole message; false when the connection is over. */
    private boolean complete(int opcode, byte[] payload) {
        if (refusingMessage) {
            refusingMessage = false;
            return true;
        }
        if (closeSent) {
            counters.messagesDiscarded.incrementAndGet();
            return true;
        }
        if (opcode == FrameReader.TEXT && script.strictUtf8 && !FrameRules.validUtf8(payload)) {
            failConnection(1007, "text message is not valid UTF-8");
            return false;
        }
        MessageType type = opcode == FrameReader.TEXT ? MessageType.TEXT : MessageType.BINARY;
        log.addMessage(new ReceivedMessage(id, type, payload, Instant.now()));
        messagesHere++;
        messagesSincePong++;
        lastDataNanos = System.nanoTime();
        int n = script.messagesBeforeFailure;
        if (script.mode == FailureMode.CLOSE_1011_AFTER_N && messagesHere >= n) {
            startClose(1011, "fake server: internal error after " + n + " messages");
        } else if (script.mode == FailureMode.CLOSE_THEN_KEEP_OPEN && messagesHere >= n) {
            closeAndKeepOpen();
        }
        return true;
    }

    /** CLOSE_THEN_KEEP_OPEN: a close (1001) whose connection this server then never closes. */
    private void closeAndKeepOpen() {
        keepOpen = true;
        startClose(1001, "fake server: closing, but keeping the connection open");
    }

    /** RFC 6455 "fail the connection": a close frame with the reason, then the socket is closed. */
    private void failConnection(int code, String reason) {
        startClose(code, reason);
        closeQuietly();
    }

    private void write(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }
}
