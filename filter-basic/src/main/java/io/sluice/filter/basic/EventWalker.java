package io.sluice.filter.basic;

import io.sluice.api.EventBatch;
import io.sluice.support.accessor.MalformedMsgpackException;
import io.sluice.support.accessor.MsgpackReader;

/**
 * Walks the events of a batch in place: {@code [[time, {metadata}], {body}]} or the legacy {@code [time, {body}]}.
 * For each event it gives where the event starts, where its body starts and where it ends (the body is last, so
 * the event and its body end together; found lazily, so a filter that reads the whole body anyway does not walk it
 * twice), and whether it is a group marker (time -1 or -2), which filters pass on as they are and do not count. Throws {@link MalformedMsgpackException} when the bytes are not events.
 */
final class EventWalker {

    final MsgpackReader reader = new MsgpackReader();
    private byte[] data;
    private int limit;
    /** Where the current event starts. */
    int start;
    /** Where its body starts. */
    int body;
    /** Where it (and its body) ends, or -1 until someone needs it: see {@link #end()}. */
    private int end;
    /** Whether it is a group marker. */
    boolean marker;

    void reset(EventBatch batch) {
        data = batch.data();
        limit = batch.offset() + batch.length();
        reader.reset(data, batch.offset(), limit);
        end = batch.offset();
    }

    byte[] data() {
        return data;
    }

    /** Moves to the next event; false at the end of the batch. */
    boolean next() {
        MsgpackReader r = reader;
        r.position(end());
        if (!r.hasMore()) {
            return false;
        }
        start = end;
        int p = start;
        byte[] d = data;
        if (p + 13 < limit && d[p] == (byte) 0x92 && d[p + 1] == (byte) 0x92 && d[p + 2] == (byte) 0xd7
                && d[p + 3] == 0 && d[p + 12] == (byte) 0x80) {
            // the usual header: [[EventTime, {}], body]
            marker = d[p + 4] == (byte) 0xff && d[p + 5] == (byte) 0xff && d[p + 6] == (byte) 0xff
                    && (d[p + 7] == (byte) 0xff || d[p + 7] == (byte) 0xfe)
                    && d[p + 8] == 0 && d[p + 9] == 0 && d[p + 10] == 0 && d[p + 11] == 0;
            body = p + 13;
            end = -1;
            return true;
        }
        if (r.readArrayHeader() != 2) {
            throw MalformedMsgpackException.INSTANCE;
        }
        if (r.kind() == MsgpackReader.ARRAY) {
            int header = r.readArrayHeader();
            if (header < 1) {
                throw MalformedMsgpackException.INSTANCE;
            }
            marker = readTime(r);
            for (int i = 1; i < header; i++) {
                r.skipValue();
            }
        } else {
            marker = readTime(r);
        }
        body = r.position();
        if (body >= limit) {
            throw MalformedMsgpackException.INSTANCE;
        }
        end = -1;
        return true;
    }

    /** Where the current event (and its body) ends; found by skipping the body unless {@link #endAt} told it. */
    int end() {
        if (end < 0) {
            end = reader.skipFrom(body);
        }
        return end;
    }

    /** Tells where the current event ends, for a caller that has just read its body map to the end. */
    void endAt(int position) {
        end = position;
    }

    /** Skips the timestamp; true when it is a group marker's. */
    private boolean readTime(MsgpackReader r) {
        int p = r.position();
        byte[] d = data;
        boolean isMarker = false;
        if (p + 10 <= limit && d[p] == (byte) 0xd7 && d[p + 1] == 0) {
            isMarker = d[p + 2] == (byte) 0xff && d[p + 3] == (byte) 0xff && d[p + 4] == (byte) 0xff
                    && (d[p + 5] == (byte) 0xff || d[p + 5] == (byte) 0xfe)
                    && d[p + 6] == 0 && d[p + 7] == 0 && d[p + 8] == 0 && d[p + 9] == 0;
        }
        int kind = r.kind();
        if (kind != MsgpackReader.EXT && kind != MsgpackReader.INT && kind != MsgpackReader.FLOAT) {
            throw MalformedMsgpackException.INSTANCE;
        }
        r.skipValue();
        return isMarker;
    }

    /** Whether the current event's body is a map. */
    boolean bodyIsMap() {
        int b = data[body] & 0xff;
        return (b & 0xf0) == 0x80 || b == 0xde || b == 0xdf;
    }
}
