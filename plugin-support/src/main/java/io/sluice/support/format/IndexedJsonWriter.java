package io.sluice.support.format;

import io.sluice.support.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Renders events as Fluent Bit's JSON objects from their msgpack bytes: date key first,
 * {@code __internal__} for non-empty metadata, then the body; of duplicate keys only the last is written, found by
 * comparing key bytes. Keys of a map are indexed on a reusable int stack before any of it is written, so no objects
 * are created per record; this walks every map twice, which is why {@link JsonWriter} tries one pass first and
 * comes here only for the events it cannot write that way (repeated keys and the like) and for invalid input.
 */
final class IndexedJsonWriter {

    private static final int MAX_DEPTH = 256;
    /** Stack layout per map pair: key offset, key length, key class (string or raw msgpack), value position. */
    private static final int STRIDE = 4;
    private static final int STRING_KEY = 0;
    private static final int RAW_KEY = 1;
    private static final byte[] INTERNAL = "__internal__".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INTERNAL_PREFIX = "\"__internal__\":{\"log_metadata\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOG = "log".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOG_KEY = "\"log\":".getBytes(StandardCharsets.US_ASCII);

    private final FormatOptions options;
    private final byte[] dateKey;
    private final byte[] dateKeyJson;
    private final RenderedDate date;
    private int[] pairs = new int[STRIDE * 64];
    private int top;
    private byte[] dataRef;
    private ByteSink keyScratch;

    IndexedJsonWriter(FormatOptions options) {
        this.options = options;
        if (options.dateKey() == null) {
            dateKey = null;
            dateKeyJson = null;
            date = null;
        } else {
            dateKey = options.dateKey().getBytes(StandardCharsets.UTF_8);
            ByteSink key = new ByteSink(dateKey.length + 8);
            JsonStrings.writeQuoted(key, dateKey, 0, dateKey.length, options.escapeUnicode());
            key.write(':');
            dateKeyJson = key.toByteArray();
            date = new RenderedDate(options.dateFormat());
        }
    }

    /** Writes the current event of {@code ev} as one JSON object. */
    void writeEvent(EventCursor ev, ByteSink out) throws FormatException {
        MsgpackCursor in = ev.in;
        int end = in.position();
        top = 0;
        dataRef = in.data();
        in.position(ev.bodyPos());
        out.write('{');
        boolean bodyIsMap = in.kind() == MsgpackCursor.MAP;
        int n = bodyIsMap ? indexPairs(in) : 0;
        boolean first = true;
        if (dateKey != null && (bodyIsMap ? !hasKey(0, n, dateKey) : !Arrays.equals(dateKey, LOG))) {
            out.write(dateKeyJson);
            date.write(out, ev.seconds(), ev.nanos());
            first = false;
        }
        if (ev.metadataPos() >= 0 && !(bodyIsMap && hasKey(0, n, INTERNAL))) {
            in.position(ev.metadataPos());
            if (in.kind() == MsgpackCursor.MAP && in.readMapHeader() > 0) {
                in.position(ev.metadataPos());
                if (!first) {
                    out.write(',');
                }
                out.write(INTERNAL_PREFIX);
                writeValue(in, out, 1);
                out.write('}');
                first = false;
            }
        }
        if (bodyIsMap) {
            writePairs(in, out, 0, n, first, 1);
        } else {
            if (!first) {
                out.write(',');
            }
            out.write(LOG_KEY);
            in.position(ev.bodyPos());
            writeValue(in, out, 1);
        }
        out.write('}');
        in.position(end);
    }

    /**
     * Reads the keys of the map at the cursor onto the stack above {@link #top} and raises {@code top} past them;
     * the cursor ends after the map.
     */
    private int indexPairs(MsgpackCursor in) throws FormatException {
        int n = in.readMapHeader();
        long need = top + (long) n * STRIDE;
        if (need > in.data().length * 2L + 64) {
            throw in.error("map of " + n + " pairs is larger than the chunk");
        }
        if (need > pairs.length) {
            pairs = Arrays.copyOf(pairs, (int) Math.max(need, pairs.length * 2L));
        }
        for (int i = 0; i < n; i++) {
            int k = in.kind();
            int at = top + i * STRIDE;
            if (k == MsgpackCursor.STR || k == MsgpackCursor.BIN) {
                int len = in.readBytesHeader();
                pairs[at] = in.position();
                pairs[at + 1] = len;
                pairs[at + 2] = STRING_KEY;
                in.skip(len);
            } else {
                int start = in.position();
                in.skipValue();
                pairs[at] = start;
                pairs[at + 1] = in.position() - start;
                pairs[at + 2] = RAW_KEY;
            }
            pairs[at + 3] = in.position();
            in.skipValue();
        }
        top += n * STRIDE;
        return n;
    }

    private boolean hasKey(int base, int n, byte[] key) {
        for (int i = 0; i < n; i++) {
            int at = base + i * STRIDE;
            if (pairs[at + 2] == STRING_KEY && pairs[at + 1] == key.length
                    && Arrays.equals(dataRef, pairs[at], pairs[at] + key.length, key, 0, key.length)) {
                return true;
            }
        }
        return false;
    }

    private boolean repeatedLater(int base, int i, int n) {
        int at = base + i * STRIDE;
        int off = pairs[at];
        int len = pairs[at + 1];
        int cls = pairs[at + 2];
        for (int j = i + 1; j < n; j++) {
            int other = base + j * STRIDE;
            if (pairs[other + 1] == len && pairs[other + 2] == cls
                    && Arrays.equals(dataRef, off, off + len, dataRef, pairs[other], pairs[other] + len)) {
                return true;
            }
        }
        return false;
    }

    private void writePairs(MsgpackCursor in, ByteSink out, int base, int n, boolean first, int depth)
            throws FormatException {
        int end = in.position();
        for (int i = 0; i < n; i++) {
            if (repeatedLater(base, i, n)) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            int at = base + i * STRIDE;
            if (pairs[at + 2] == STRING_KEY) {
                JsonStrings.writeQuoted(out, dataRef, pairs[at], pairs[at + 1], options.escapeUnicode());
            } else {
                in.position(pairs[at]);
                writeRawKey(in, out, depth);
            }
            out.write(':');
            in.position(pairs[at + 3]);
            writeValue(in, out, depth + 1);
        }
        in.position(end);
    }

    /** A key that is not a string is written as the string of its JSON text, so the object stays valid JSON. */
    private void writeRawKey(MsgpackCursor in, ByteSink out, int depth) throws FormatException {
        switch (in.kind()) {
            case MsgpackCursor.EXT -> writeValue(in, out, depth);
            case MsgpackCursor.MAP, MsgpackCursor.ARRAY -> {
                if (keyScratch == null) {
                    keyScratch = new ByteSink(64);
                }
                ByteSink scratch = keyScratch;
                keyScratch = null;
                scratch.clear();
                writeValue(in, scratch, depth);
                JsonStrings.writeQuoted(out, scratch.array(), 0, scratch.size(), options.escapeUnicode());
                keyScratch = scratch;
            }
            default -> {
                out.write('"');
                writeValue(in, out, depth);
                out.write('"');
            }
        }
    }

    /** Writes the value at the cursor and moves past it. */
    void writeValue(MsgpackCursor in, ByteSink out, int depth) throws FormatException {
        if (depth > MAX_DEPTH) {
            throw in.error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        dataRef = in.data();
        int kind = in.kind();
        switch (kind) {
            case MsgpackCursor.ARRAY -> {
                int n = in.readArrayHeader();
                out.write('[');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    writeValue(in, out, depth + 1);
                }
                out.write(']');
            }
            case MsgpackCursor.MAP -> {
                int base = top;
                int n = indexPairs(in);
                out.write('{');
                writePairs(in, out, base, n, true, depth);
                top = base;
                out.write('}');
            }
            default -> JsonScalars.write(in, out, kind, options);
        }
    }
}
