package io.sluice.bench.e2e;

/**
 * Walks msgpack events ({@code [[time, {meta}], {body}]} or legacy {@code [time, {body}]}) and takes the body's
 * {@code seq} integer, skipping everything else in place: no objects per record, so the receiver stays far faster
 * than sluice. Not thread-safe; one per receiving thread.
 */
final class MsgpackSeqScanner {

    private byte[] a;
    private int pos;

    void scan(byte[] data, int offset, int length, SeqBatch out) {
        a = data;
        pos = offset;
        int end = offset + length;
        while (pos < end) {
            int outer = containerSize(0x90, 0xdc);
            if (outer != 2) {
                throw new IllegalArgumentException("event is not a 2-array at " + pos);
            }
            if (isArray(a[pos] & 0xff)) {
                int header = containerSize(0x90, 0xdc);
                for (int i = 0; i < header; i++) {
                    skip();
                }
            } else {
                skip();
            }
            int fields = containerSize(0x80, 0xde);
            int seq = -1;
            for (int i = 0; i < fields; i++) {
                if (isSeqKey()) {
                    pos += 4;
                    seq = readInt();
                } else {
                    skip();
                    skip();
                }
            }
            out.add(seq);
        }
        a = null;
    }

    private static boolean isArray(int b) {
        return (b & 0xf0) == 0x90 || b == 0xdc || b == 0xdd;
    }

    private boolean isSeqKey() {
        return (a[pos] & 0xff) == 0xa3 && a[pos + 1] == 's' && a[pos + 2] == 'e' && a[pos + 3] == 'q';
    }

    /** Reads an array (fix 0x90, 16-bit at {@code wide}) or map (0x80, wide) header. */
    private int containerSize(int fix, int wide) {
        int b = a[pos] & 0xff;
        if ((b & 0xf0) == fix) {
            pos++;
            return b & 0x0f;
        }
        if (b == wide) {
            pos += 3;
            return u16(pos - 2);
        }
        if (b == wide + 1) {
            pos += 5;
            return (int) u32(pos - 4);
        }
        throw new IllegalArgumentException("expected a container at " + pos + ", found 0x" + Integer.toHexString(b));
    }

    private int readInt() {
        int b = a[pos] & 0xff;
        if (b <= 0x7f) {
            pos++;
            return b;
        }
        switch (b) {
            case 0xcc: pos += 2; return a[pos - 1] & 0xff;
            case 0xcd: pos += 3; return u16(pos - 2);
            case 0xce: pos += 5; return (int) u32(pos - 4);
            case 0xd0: pos += 2; return a[pos - 1];
            case 0xd1: pos += 3; return (short) u16(pos - 2);
            case 0xd2: pos += 5; return (int) u32(pos - 4);
            default:
                skip();
                return -1;
        }
    }

    private void skip() {
        int b = a[pos] & 0xff;
        if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
            pos++;
        } else if ((b & 0xf0) == 0x80 || b == 0xde || b == 0xdf) {
            int n = containerSize(0x80, 0xde);
            for (int i = 0; i < 2 * n; i++) {
                skip();
            }
        } else if ((b & 0xf0) == 0x90 || b == 0xdc || b == 0xdd) {
            int n = containerSize(0x90, 0xdc);
            for (int i = 0; i < n; i++) {
                skip();
            }
        } else if ((b & 0xe0) == 0xa0) {
            pos += 1 + (b & 0x1f);
        } else {
            pos += scalarSize(b);
        }
    }

    /** Total size of the non-container value starting with byte {@code b} at {@code pos}. */
    private int scalarSize(int b) {
        switch (b) {
            case 0xcc: case 0xd0: return 2;
            case 0xcd: case 0xd1: return 3;
            case 0xce: case 0xd2: case 0xca: return 5;
            case 0xcf: case 0xd3: case 0xcb: return 9;
            case 0xd4: return 3;
            case 0xd5: return 4;
            case 0xd6: return 6;
            case 0xd7: return 10;
            case 0xd8: return 18;
            case 0xc4: case 0xd9: return 2 + (a[pos + 1] & 0xff);
            case 0xc5: case 0xda: return 3 + u16(pos + 1);
            case 0xc6: case 0xdb: return 5 + (int) u32(pos + 1);
            case 0xc7: return 3 + (a[pos + 1] & 0xff);
            case 0xc8: return 4 + u16(pos + 1);
            case 0xc9: return 6 + (int) u32(pos + 1);
            default: throw new IllegalArgumentException("bad msgpack byte 0x" + Integer.toHexString(b) + " at " + pos);
        }
    }

    private int u16(int at) {
        return ((a[at] & 0xff) << 8) | (a[at + 1] & 0xff);
    }

    private long u32(int at) {
        return ((long) (a[at] & 0xff) << 24) | ((a[at + 1] & 0xff) << 16) | ((a[at + 2] & 0xff) << 8)
                | (a[at + 3] & 0xff);
    }
}
