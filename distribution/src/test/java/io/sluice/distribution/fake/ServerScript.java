package io.sluice.distribution.fake;

import java.time.Duration;

/** What the fake server does, readable by every connection thread and changeable by the test at any time. */
final class ServerScript {

    volatile FailureMode mode = FailureMode.NONE;
    /** N for {@link FailureMode#DROP_MID_FRAME} and {@link FailureMode#CLOSE_1011_AFTER_N}, counted per connection. */
    volatile int messagesBeforeFailure;
    volatile int slowReadBytesPerSecond = 16 * 1024;
    volatile Duration idleTimeout = Duration.ofSeconds(2);
    volatile boolean strictUtf8 = true;
    volatile int maxMessageBytes = 64 * 1024 * 1024;
    /** The limit of {@link FailureMode#CLOSE_1009_ABOVE_LIMIT}, in payload bytes per message. */
    volatile int messageSizeLimit = 64 * 1024;
    /** The status {@link FailureMode#CLOSE_EVERY_CONNECTION} closes with. */
    volatile int closeCode = 1009;
    /** How long a close the server started may wait for the client's close before the socket is closed anyway. */
    volatile Duration closeWait = Duration.ofSeconds(2);

    int readRateLimit() {
        return mode == FailureMode.SLOW_READER ? slowReadBytesPerSecond : 0;
    }
}
