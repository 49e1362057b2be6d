package io.sluice.distribution.fake;

/**
 * How the fake server misbehaves; one per server, changeable while it runs. Modes that act at the handshake apply to
 * connections opened after the change; the others act on open connections at their next frame.
 */
public enum FailureMode {
    /** A correct, well-behaved RFC 6455 server. */
    NONE,
    /** Nothing listens on the port: connections are refused. Open connections are left alone. */
    REFUSE_CONNECTION,
    /** TCP connections are accepted and the request read, but the upgrade is never answered. */
    NO_UPGRADE_ANSWER,
    /** The upgrade is answered {@code 403 Forbidden} with a short text body, then the connection closed. */
    HTTP_403,
    /** The upgrade is answered 101 with a wrong {@code Sec-WebSocket-Accept}; frames are still read afterwards. */
    WRONG_ACCEPT,
    /** After N messages on a connection, half of the next data frame is read and the connection reset (RST). */
    DROP_MID_FRAME,
    /** Pings are never answered; data is still read and recorded. */
    NO_PONG,
    /** After N messages on a connection the server closes it with status 1011 (later messages are discarded). */
    CLOSE_1011_AFTER_N,
    /** Every connection is read at a limited rate (bytes per second), so the client's sends back up. */
    SLOW_READER,
    /** A connection with no data message for the idle timeout is closed with status 1001. */
    IDLE_CLOSE,
    /**
     * A server with a message-size limit: a message larger than the limit (64 KiB unless set) gets a close with
     * status 1009 as soon as the frame header that crosses the limit arrives; the server records nothing more, reads
     * and discards what follows, and closes the connection when the client answers the close (or after the close
     * wait). Messages within the limit are recorded as usual.
     */
    CLOSE_1009_ABOVE_LIMIT,
    /**
     * After N messages on a connection the server sends a close (status 1001) and then keeps the TCP connection open:
     * it closes it neither when the client answers the close nor after the close wait, and reads on. Data messages
     * arriving after its close are counted ({@code messagesDiscarded}) and not recorded.
     */
    CLOSE_THEN_KEEP_OPEN,
    /**
     * Every connection is closed by the server right after its upgrade, with the close status (1009 unless set);
     * what the client sends afterwards is discarded.
     */
    CLOSE_EVERY_CONNECTION
}
