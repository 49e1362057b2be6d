package io.sluice.distribution.fake;

import java.util.List;
import java.util.Map;

/** How a received message is split into records; each explicit format also checks the frame type sluice must use. */
public enum RecordFormat {
    /** Binary frames as msgpack events, text frames as any run of JSON objects or arrays of objects. */
    AUTO,
    /** One JSON array of objects per text message, nothing after it. */
    JSON,
    /** JSON objects each followed by {@code \n} (also the last), one per line, in text messages. */
    JSON_LINES,
    /** JSON objects back to back in text messages (whitespace between them is tolerated). */
    JSON_STREAM,
    /** Fluent Bit msgpack events in binary messages; a record is the event's body. */
    MSGPACK;

    /** The records in {@code message}; throws {@link IllegalArgumentException} saying what is wrong with it. */
    public List<Map<String, Object>> split(ReceivedMessage message) {
        try {
            return RecordSplitter.split(this, message);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message.type() + " message of " + message.size()
                    + " bytes on connection " + message.connectionId() + " is not " + name() + ": " + e.getMessage(),
                    e);
        }
    }
}
