package io.sluice.api.event;

import java.util.Objects;

/**
 * A read-only view of a flushed chunk: {@code records} events of one tag, encoded back to back in Fluent Bit's event
 * layout in {@code data[offset, offset+length)}. The array is shared with other outputs: never write to it.
 *
 * @param id      a short identifier used in log lines
 * @param tag     the tag every event in the chunk carries
 * @param data    the array holding the encoded events
 * @param offset  where the events start in {@code data}
 * @param length  how many bytes they take
 * @param records how many events there are
 */
public record EventChunk(String id, String tag, byte[] data, int offset, int length, int records) {

    /** Checks the bounds. */
    public EventChunk {
        Objects.requireNonNull(tag, "tag");
        Objects.checkFromIndexSize(offset, length, data.length);
        if (records < 0) {
            throw new IllegalArgumentException("records < 0");
        }
    }

    /** A chunk over all of {@code data}, for tests and simple callers. */
    public static EventChunk of(String tag, byte[] data, int records) {
        return new EventChunk("test", tag, data, 0, data.length, records);
    }
}
