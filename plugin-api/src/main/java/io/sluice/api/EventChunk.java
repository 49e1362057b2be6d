package io.sluice.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A read-only view of a flushed chunk: {@code records} events of one tag in {@code data[offset, offset+length)}. The
 * array is shared with other outputs and reused once {@link Output#flush} returns: never write to it, and keep
 * {@link #copy()} to use the events later.
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
        Objects.requireNonNull(id, "id");
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

    /** The same chunk in an array of its own, which stays valid after {@code flush} returns. */
    public EventChunk copy() {
        return new EventChunk(id, tag, Arrays.copyOfRange(data, offset, offset + length), 0, length, records);
    }
}
