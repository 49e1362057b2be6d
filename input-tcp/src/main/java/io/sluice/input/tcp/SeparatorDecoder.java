package io.sluice.input.tcp;

import io.sluice.support.ByteSink;

/**
 * Splits a stream at every occurrence of a separator (one or more bytes, possibly split across reads); each non-empty
 * piece becomes {@code {"log": "<piece>"}} with its bytes as they are, and so does a last piece the stream ends
 * without a separator. A piece longer than {@code limit} is dropped and reported, and everything up to the next
 * separator with it. Only a piece spanning reads is copied.
 */
final class SeparatorDecoder implements RecordDecoder {

    private static final byte[] LOG_KEY = {'l', 'o', 'g'};

    private final byte[] separator;
    private final DecodeProblems problems;
    private final int limit;
    private final ByteSink pending;
    private boolean dropping;
    private long droppedBytes;

    /** A decoder splitting at {@code separator}, dropping pieces over {@code limit} bytes, reporting to problems. */
    SeparatorDecoder(byte[] separator, DecodeProblems problems, int limit) {
        this.separator = separator.clone();
        this.problems = problems;
        this.limit = limit;
        this.pending = new ByteSink(64);
    }

    @Override
    public void feed(byte[] data, int off, int len, RecordBuffer out, long seconds, int nanos) {
        int end = off + len;
        int pos = off;
        if (pending.size() > 0) {
            int completes = straddle(data, off, end);
            int cut;
            if (completes >= 0) {
                pending.truncate(pending.size() - (separator.length - completes));
                cut = off + completes;
            } else {
                int at = indexOf(data, off, end);
                if (at < 0) {
                    keep(data, off, end);
                    return;
                }
                keep(data, off, at);
                cut = at + separator.length;
            }
            endPiece(pending.array(), 0, pending.size(), out, seconds, nanos);
            pending.clear();
            pos = cut;
        }
        int at;
        while ((at = indexOf(data, pos, end)) >= 0) {
            endPiece(data, pos, at - pos, out, seconds, nanos);
            pos = at + separator.length;
        }
        keep(data, pos, end);
    }

    /** A last piece the connection ended without a separator is a record too, as {@code printf 'hello' | nc} means. */
    @Override
    public void finish(RecordBuffer out, long seconds, int nanos) {
        if (dropping) {
            problems.oversize(droppedBytes + pending.size(), limit);
        } else if (pending.size() > 0) {
            endPiece(pending.array(), 0, pending.size(), out, seconds, nanos);
            problems.unterminated(pending.size());
        }
        dropping = false;
        pending.clear();
    }

    private void endPiece(byte[] src, int off, int len, RecordBuffer out, long seconds, int nanos) {
        if (dropping) {
            dropping = false;
            problems.oversize(droppedBytes + len, limit);
            droppedBytes = 0;
        } else if (len > limit) {
            problems.oversize(len, limit);
        } else if (len > 0) {
            out.beginEvent(seconds, nanos);
            out.writeMapHeader(1);
            out.writeString(LOG_KEY, 0, LOG_KEY.length);
            out.writeString(src, off, len);
            out.endEvent();
        }
    }

    /** Keeps an unterminated tail; once over the limit only the bytes that could start a separator are kept. */
    private void keep(byte[] data, int from, int to) {
        pending.write(data, from, to - from);
        if (pending.size() > limit) {
            int tail = Math.min(pending.size(), separator.length - 1);
            droppedBytes += pending.size() - tail;
            dropping = true;
            byte[] b = pending.array();
            System.arraycopy(b, pending.size() - tail, b, 0, tail);
            pending.truncate(tail);
        }
    }

    /** How many bytes at the start of {@code data} complete a separator begun at the end of the pending bytes. */
    private int straddle(byte[] data, int off, int end) {
        byte[] p = pending.array();
        int n = pending.size();
        for (int k = Math.min(separator.length - 1, n); k >= 1; k--) {
            int rest = separator.length - k;
            if (rest > end - off) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < k && match; i++) {
                match = p[n - k + i] == separator[i];
            }
            for (int i = 0; i < rest && match; i++) {
                match = data[off + i] == separator[k + i];
            }
            if (match) {
                return rest;
            }
        }
        return -1;
    }

    private int indexOf(byte[] data, int from, int end) {
        byte first = separator[0];
        int last = end - separator.length;
        for (int i = from; i <= last; i++) {
            if (data[i] == first) {
                int j = 1;
                while (j < separator.length && data[i + j] == separator[j]) {
                    j++;
                }
                if (j == separator.length) {
                    return i;
                }
            }
        }
        return -1;
    }
}
