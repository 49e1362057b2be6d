package io.sluice.support.format;

import io.sluice.support.ByteSink;
import java.nio.charset.StandardCharsets;

/**
 * Renders events as Fluent Bit's JSON objects from their msgpack bytes, as
 * {@link IndexedJsonWriter} does, but in one pass over the body: each value is written as it is read. That needs
 * the body to be a map whose keys are strings and, at every level, distinct, and at the top level neither the date
 * key nor {@code __internal__} when those are written. An event that turns out otherwise, or whose bytes are
 * invalid, is cut off and written again by {@link IndexedJsonWriter}, which checks the whole body first, so the
 * output and the errors are exactly that writer's.
 */
final class JsonWriter {

    private static final int MAX_DEPTH = 256;
    private static final byte[] INTERNAL = "__internal__".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INTERNAL_PREFIX = "\"__internal__\":{\"log_metadata\":".getBytes(StandardCharsets.US_ASCII);

    private final FormatOptions options;
    private final boolean escapeUnicode;
    private final byte[] dateKey;
    private final byte[] dateKeyJson;
    private final long dateKeyHead;
    private final long dateKeyTail;
    private final RenderedDate date;
    private final IndexedJsonWriter indexed;
    private final KeySet keys = new KeySet();

    JsonWriter(FormatOptions options) {
        this.options = options;
        this.escapeUnicode = options.escapeUnicode();
        this.indexed = new IndexedJsonWriter(options);
        if (options.dateKey() == null) {
            dateKey = null;
            dateKeyJson = null;
            dateKeyHead = 0;
            dateKeyTail = 0;
            date = null;
        } else {
            dateKey = options.dateKey().getBytes(StandardCharsets.UTF_8);
            ByteSink key = new ByteSink(dateKey.length + 8);
            JsonStrings.writeQuoted(key, dateKey, 0, dateKey.length, escapeUnicode);
            key.write(':');
            dateKeyJson = key.toByteArray();
            dateKeyHead = KeySet.head(dateKey, 0, dateKey.length);
            dateKeyTail = KeySet.tail(dateKey, 0, dateKey.length);
            date = new RenderedDate(options.dateFormat());
        }
    }

    /**
     * Writes the current event of {@code ev}, read with {@link EventCursor#nextHeader()} or {@link EventCursor#next()},
     * as one JSON object, and leaves the cursor at the event's end.
     */
    void writeEvent(EventCursor ev, ByteSink out) throws FormatException {
        int mark = out.size();
        int keyMark = keys.mark();
        try {
            if (writeEventOnePass(ev, out)) {
                ev.bodyRead(ev.in.position());
                return;
            }
        } catch (FormatException e) {
            // invalid bytes: the checked walk below reports them as it always did
        }
        keys.release(keyMark);
        out.truncate(mark);
        ev.skipBody();
        indexed.writeEvent(ev, out);
    }

    /** Writes the value at the cursor and moves past it. */
    void writeValue(MsgpackCursor in, ByteSink out, int depth) throws FormatException {
        int mark = out.size();
        int keyMark = keys.mark();
        int start = in.position();
        try {
            if (writeValueOnePass(in, out, depth)) {
                return;
            }
        } catch (FormatException e) {
            // written again below, which reports it
        }
        keys.release(keyMark);
        out.truncate(mark);
        in.position(start);
        indexed.writeValue(in, out, depth);
    }

    /** False when the event needs {@link IndexedJsonWriter}; the cursor ends after the body otherwise. */
    private boolean writeEventOnePass(EventCursor ev, ByteSink out) throws FormatException {
        MsgpackCursor in = ev.in;
        in.position(ev.bodyPos());
        if (in.kind() != MsgpackCursor.MAP) {
            return false;
        }
        out.write('{');
        boolean first = true;
        if (dateKey != null) {
            out.write(dateKeyJson);
            date.write(out, ev.seconds(), ev.nanos());
            first = false;
        }
        boolean metadata = false;
        if (ev.metadataPos() >= 0) {
            in.position(ev.metadataPos());
            if (in.kind() == MsgpackCursor.MAP && in.readMapHeader() > 0) {
                in.position(ev.metadataPos());
                if (!first) {
                    out.write(',');
                }
                out.write(INTERNAL_PREFIX);
                if (!writeValueOnePass(in, out, 1)) {
                    return false;
                }
                out.write('}');
                first = false;
                metadata = true;
            }
            in.position(ev.bodyPos());
        }
        int n = in.readMapHeader();
        int mark = keys.mark();
        byte[] data = in.data();
        for (int i = 0; i < n; i++) {
            int k = in.kind();
            if (k != MsgpackCursor.STR && k != MsgpackCursor.BIN) {
                return false;
            }
            int len = in.readBytesHeader();
            int off = in.position();
            if (!keys.add(data, off, len, mark)
                    || (dateKey != null && keys.lastIs(dateKey, dateKeyHead, dateKeyTail, data, off, len))
                    || (metadata && len == INTERNAL.length && isInternal(data, off))) {
                return false;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            JsonStrings.writeQuoted(out, data, off, len, escapeUnicode);
            out.write(':');
            in.position(off + len);
            if (!writeValueOnePass(in, out, 2)) {
                return false;
            }
        }
        keys.release(mark);
        out.write('}');
        return true;
    }

    private static boolean isInternal(byte[] data, int off) {
        return java.util.Arrays.equals(data, off, off + INTERNAL.length, INTERNAL, 0, INTERNAL.length);
    }

    /** Writes the value at the cursor and moves past it; false when it needs {@link IndexedJsonWriter}. */
    private boolean writeValueOnePass(MsgpackCursor in, ByteSink out, int depth) throws FormatException {
        if (depth > MAX_DEPTH) {
            return false;
        }
        int kind = in.kind();
        if (kind == MsgpackCursor.MAP) {
            return writeMapOnePass(in, out, depth);
        }
        if (kind == MsgpackCursor.ARRAY) {
            int n = in.readArrayHeader();
            out.write('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.write(',');
                }
                if (!writeValueOnePass(in, out, depth + 1)) {
                    return false;
                }
            }
            out.write(']');
            return true;
        }
        JsonScalars.write(in, out, kind, options);
        return true;
    }

    private boolean writeMapOnePass(MsgpackCursor in, ByteSink out, int depth) throws FormatException {
        int n = in.readMapHeader();
        int mark = keys.mark();
        byte[] data = in.data();
        out.write('{');
        for (int i = 0; i < n; i++) {
            int k = in.kind();
            if (k != MsgpackCursor.STR && k != MsgpackCursor.BIN) {
                return false;
            }
            int len = in.readBytesHeader();
            int off = in.position();
            if (!keys.add(data, off, len, mark)) {
                return false;
            }
            if (i > 0) {
                out.write(',');
            }
            JsonStrings.writeQuoted(out, data, off, len, escapeUnicode);
            out.write(':');
            in.position(off + len);
            if (!writeValueOnePass(in, out, depth + 1)) {
                return false;
            }
        }
        keys.release(mark);
        out.write('}');
        return true;
    }
}
