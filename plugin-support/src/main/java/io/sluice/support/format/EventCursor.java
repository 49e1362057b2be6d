package io.sluice.support.format;

import io.sluice.api.EventChunk;

/**
 * Walks the events of a chunk in place: for each one it decodes the timestamp and remembers where the metadata and
 * body start, accepting the v2 layout {@code [[time, {meta}], {body}]} and the legacy {@code [time, {body}]}, times
 * as EventTime, integer or float, and skipping group markers.
 */
final class EventCursor {

    private static final long GROUP_START = 0xFFFFFFFFL;
    private static final long GROUP_END = 0xFFFFFFFEL;

    final MsgpackCursor in = new MsgpackCursor();
    private int index;
    private long seconds;
    private int nanos;
    private int start;
    private int end;
    private int metadataPos;
    private int bodyPos;

    void reset(EventChunk chunk) {
        in.reset(chunk.data(), chunk.offset(), chunk.offset() + chunk.length());
        index = -1;
        end = chunk.offset();
    }

    /** Moves to the next event that is not a group marker, reading it whole (which checks it); false at the end. */
    boolean next() throws FormatException {
        if (!nextHeader()) {
            return false;
        }
        skipBody();
        return true;
    }

    /**
     * Moves to the next event that is not a group marker, reading its time and metadata but not its body; false at
     * the end of the chunk. The caller then reads the body and gives its end to {@link #bodyRead}, or calls
     * {@link #skipBody}, before moving on.
     */
    boolean nextHeader() throws FormatException {
        in.position(end);
        while (in.hasMore()) {
            index++;
            in.record = index;
            start = in.position();
            int outer = in.readArrayHeader();
            if (outer != 2) {
                throw in.error("event is an array of " + outer + ", expected 2");
            }
            metadataPos = -1;
            if (in.kind() == MsgpackCursor.ARRAY) {
                int header = in.readArrayHeader();
                if (header < 1) {
                    throw in.error("event header is an empty array");
                }
                readTime();
                if (header >= 2) {
                    metadataPos = in.position();
                    for (int i = 1; i < header; i++) {
                        in.skipValue();
                    }
                }
            } else {
                readTime();
            }
            bodyPos = in.position();
            end = -1;
            boolean marker = nanos == 0 && (seconds == GROUP_START || seconds == GROUP_END);
            if (!marker) {
                return true;
            }
            skipBody();
        }
        return false;
    }

    /** Reads past the current event's body, checking it, unless its end is known; the cursor ends there. */
    void skipBody() throws FormatException {
        if (end < 0) {
            in.position(bodyPos);
            in.skipValue();
            end = in.position();
        }
        in.position(end);
    }

    /** The caller read the current event's body, which ends at {@code bodyEnd}. */
    void bodyRead(int bodyEnd) {
        end = bodyEnd;
    }

    private void readTime() throws FormatException {
        switch (in.kind()) {
            case MsgpackCursor.EXT -> {
                int len = in.readExtHeader();
                if (in.extType() != 0 || len != 8) {
                    throw in.error("timestamp is an ext of type " + in.extType() + " and length " + len);
                }
                long sec = in.readInt32() & 0xffffffffL;
                long ns = in.readInt32() & 0xffffffffL;
                seconds = sec + ns / 1_000_000_000L;
                nanos = (int) (ns % 1_000_000_000L);
            }
            case MsgpackCursor.INT -> {
                seconds = in.readLong();
                nanos = 0;
            }
            case MsgpackCursor.FLOAT -> {
                double d = in.readDouble();
                if (!Double.isFinite(d)) {
                    throw in.error("timestamp is not a finite number");
                }
                seconds = (long) d;
                nanos = (int) ((d - seconds) * 1e9);
                if (nanos < 0) {
                    seconds--;
                    nanos += 1_000_000_000;
                }
            }
            default -> throw in.error("timestamp is neither EventTime, integer nor float");
        }
    }

    /** The 0-based index of the current event in the chunk (group markers count). */
    int index() {
        return index;
    }

    long seconds() {
        return seconds;
    }

    int nanos() {
        return nanos;
    }

    /** Where the event's encoding starts. */
    int start() {
        return start;
    }

    /** Where the event's encoding ends (exclusive), once its body was read. */
    int end() {
        return end;
    }

    /** Where the metadata value starts, or -1 in the legacy layout. */
    int metadataPos() {
        return metadataPos;
    }

    int bodyPos() {
        return bodyPos;
    }
}
