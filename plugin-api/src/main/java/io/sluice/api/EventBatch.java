package io.sluice.api;

import java.util.Objects;

/**
 * A batch of events a filter sees: {@code records} events of one tag in {@code data[offset, offset+length)}. Read-only
 * and valid only during the call.
 *
 * @param tag     the tag of every event in the batch
 * @param data    the array holding the encoded events
 * @param offset  where the events start
 * @param length  how many bytes they take
 * @param records how many events there are
 */
public record EventBatch(String tag, byte[] data, int offset, int length, int records) {

    /** Checks the bounds. */
    public EventBatch {
        Objects.requireNonNull(tag, "tag");
        Objects.checkFromIndexSize(offset, length, data.length);
        if (records < 0) {
            throw new IllegalArgumentException("records < 0");
        }
    }
}
