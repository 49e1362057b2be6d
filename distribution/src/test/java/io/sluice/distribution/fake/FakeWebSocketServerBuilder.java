package io.sluice.distribution.fake;

import java.time.Duration;

/** Options of a {@link FakeWebSocketServer}; every one has a sensible default. */
public final class FakeWebSocketServerBuilder {

    int port;
    FailureMode mode = FailureMode.NONE;
    int messagesBeforeFailure;
    int slowReadBytesPerSecond = 16 * 1024;
    Duration idleTimeout = Duration.ofSeconds(2);
    boolean strictUtf8 = true;
    int maxMessageBytes = 64 * 1024 * 1024;
    int messageSizeLimit = 64 * 1024;
    int closeCode = 1009;
    int receiveBufferBytes;
    RecordFormat recordFormat = RecordFormat.AUTO;

    FakeWebSocketServerBuilder() {
    }

    /** The port to listen on; 0 (default) picks a free one. */
    public FakeWebSocketServerBuilder port(int port) {
        this.port = port;
        return this;
    }

    public FakeWebSocketServerBuilder failureMode(FailureMode mode) {
        this.mode = mode;
        return this;
    }

    /** N for DROP_MID_FRAME, CLOSE_1011_AFTER_N and CLOSE_THEN_KEEP_OPEN, per connection (default 0). */
    public FakeWebSocketServerBuilder messagesBeforeFailure(int n) {
        this.messagesBeforeFailure = n;
        return this;
    }

    /** SLOW_READER's rate (default 16 KiB/s). */
    public FakeWebSocketServerBuilder slowReadBytesPerSecond(int bytesPerSecond) {
        this.slowReadBytesPerSecond = bytesPerSecond;
        return this;
    }

    /** IDLE_CLOSE's timeout (default 2 s). */
    public FakeWebSocketServerBuilder idleTimeout(Duration idle) {
        this.idleTimeout = idle;
        return this;
    }

    /** Close 1007 on a text message with invalid UTF-8 (default on, as RFC 6455 requires). */
    public FakeWebSocketServerBuilder strictUtf8(boolean strict) {
        this.strictUtf8 = strict;
        return this;
    }

    /** Larger messages fail the connection with 1009 (default 64 MiB). */
    public FakeWebSocketServerBuilder maxMessageBytes(int bytes) {
        this.maxMessageBytes = bytes;
        return this;
    }

    /** CLOSE_1009_ABOVE_LIMIT's limit in payload bytes per message (default 64 KiB). */
    public FakeWebSocketServerBuilder messageSizeLimit(int bytes) {
        this.messageSizeLimit = bytes;
        return this;
    }

    /** The status CLOSE_EVERY_CONNECTION closes with (default 1009, message too big). */
    public FakeWebSocketServerBuilder closeCode(int code) {
        this.closeCode = code;
        return this;
    }

    /** SO_RCVBUF of accepted sockets; small values make SLOW_READER push back sooner (default: the system's). */
    public FakeWebSocketServerBuilder receiveBufferBytes(int bytes) {
        this.receiveBufferBytes = bytes;
        return this;
    }

    /** The format {@code records()}, {@code seqs()} and {@code awaitRecords()} split messages with (default AUTO). */
    public FakeWebSocketServerBuilder recordFormat(RecordFormat format) {
        this.recordFormat = format;
        return this;
    }

    /** Starts the server, listening unless the mode is REFUSE_CONNECTION (the port is reserved either way). */
    public FakeWebSocketServer start() {
        return FakeWebSocketServer.started(this);
    }
}
