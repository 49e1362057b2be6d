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
    IDLE_CLOSE
}
