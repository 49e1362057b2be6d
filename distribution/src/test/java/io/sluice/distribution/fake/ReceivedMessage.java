package io.sluice.distribution.fake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One complete WebSocket message the fake server received (fragments joined).
 *
 * @param connectionId the connection it came on (1, 2, ... in accept order)
 * @param type         text or binary
 * @param payload      its bytes; not copied, do not modify
 * @param receivedAt   when its last frame arrived
 */
public record ReceivedMessage(int connectionId, MessageType type, byte[] payload, Instant receivedAt) {

    /** The payload decoded as UTF-8. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The payload length in bytes. */
    public int size() {
        return payload.length;
    }
}
