package io.sluice.input.tcp;

import java.util.Arrays;

/**
 * The record a decoder is in the middle of: where each of its open maps and arrays begins in the output, how many
 * entries each has so far, and, between reads, its bytes so far. Keeping a partial record out of the shared output
 * buffer lets the caller emit and clear that buffer after every read.
 */
final class OpenRecord {

    private int[] marks = new int[8];
    private int[] counts = new int[8];
    private boolean[] arrays = new boolean[8];
    private int level = -1;
    private long start;
    private int outStart;
    private RecordBuffer stash;
    private int stashOrigin = -1;

    /** Whether a record is open. */
    boolean isOpen() {
        return level >= 0;
    }

    /** The stream offset of the record's first byte. */
    long start() {
        return start;
    }

    /** Opens a record, whose JSON starts at stream offset {@code streamOffset}, with its body map. */
    void begin(RecordBuffer out, long seconds, int nanos, long streamOffset) {
        start = streamOffset;
        outStart = out.size();
        out.beginEvent(seconds, nanos);
        level = 0;
        arrays[0] = false;
        marks[0] = out.beginMap();
        counts[0] = 0;
    }

    /** Opens a map or an array as the next value. */
    void enter(RecordBuffer out, boolean array) {
        value();
        if (++level == marks.length) {
            marks = Arrays.copyOf(marks, level * 2);
            counts = Arrays.copyOf(counts, level * 2);
            arrays = Arrays.copyOf(arrays, level * 2);
        }
        arrays[level] = array;
        marks[level] = array ? out.beginArray() : out.beginMap();
        counts[level] = 0;
    }

    /** Closes the innermost map or array inside the body (the body itself is ended by the decoder's endRecord). */
    void exit(RecordBuffer out) {
        if (arrays[level]) {
            out.endArray(marks[level], counts[level]);
        } else {
            out.endMap(marks[level], counts[level]);
        }
        level--;
    }

    /** Writes a key of the innermost map. */
    void key(RecordBuffer out, byte[] utf8) {
        counts[level]++;
        out.writeString(utf8, 0, utf8.length);
    }

    /** Counts a key of the innermost map that the caller writes next. */
    void key() {
        counts[level]++;
    }

    /** Counts the value about to be written, when the innermost container is an array. */
    void value() {
        if (arrays[level]) {
            counts[level]++;
        }
    }

    /** Completes the record, adding {@code key: value} (UTF-8; none when {@code key} is null) as its last pair. */
    void end(RecordBuffer out, byte[] key, byte[] value) {
        if (key != null) {
            key(out, key);
            out.writeString(value, 0, value.length);
        }
        out.endMap(marks[0], counts[0]);
        out.endEvent();
        level = -1;
    }

    /** Forgets the record and removes what was written of it. */
    void abandon(RecordBuffer out) {
        out.rollback(outStart);
        level = -1;
        stashOrigin = -1;
    }

    /** Moves the open record's bytes out of {@code out} until {@link #restore}. */
    void save(RecordBuffer out) {
        if (!isOpen()) {
            return;
        }
        int len = out.size() - outStart;
        if (stash == null) {
            stash = new RecordBuffer(len);
        }
        stash.clear();
        stash.write(out.array(), outStart, len);
        stashOrigin = outStart;
        out.truncate(outStart);
    }

    /**
     * Puts the bytes moved by {@link #save} back at the end of {@code out}; returns by how much their positions
     * moved (0 when nothing was saved), for the caller's own marks into them.
     */
    int restore(RecordBuffer out) {
        if (stashOrigin < 0) {
            return 0;
        }
        int delta = out.size() - stashOrigin;
        out.write(stash.array(), 0, stash.size());
        for (int l = 0; l <= level; l++) {
            marks[l] += delta;
        }
        outStart += delta;
        stashOrigin = -1;
        stash.clear();
        return delta;
    }

    /** Closes the record for good at the end of the stream, without writing anything. */
    void discard() {
        level = -1;
        stashOrigin = -1;
        stash = null;
    }
}
