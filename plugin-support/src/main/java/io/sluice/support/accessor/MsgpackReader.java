package io.sluice.support.accessor;

/**
 * A forward-only msgpack reader over a byte array that creates no objects: ask for the next value's {@link #kind()},
 * then read a header or a scalar; string payloads are read straight from {@link #data()} at {@link #position()}.
 * Any read past the limit or of the wrong type throws the shared {@link MalformedMsgpackException}. Reusable with
 * {@link #reset}; not thread-safe.
 */
public final class MsgpackReader {

    /** nil. */
    public static final int NIL = 0;
    /** true or false. */
    public static final int BOOL = 1;
    /** Any integer. */
    public static final int INT = 2;
    /** float32 or float64. */
    public static final int FLOAT = 3;
    /** A UTF-8 string. */
    public static final int STR = 4;
    /** Binary data. */
    public static final int BIN = 5;
    /** An array. */
    public static final int ARRAY = 6;
    /** A map. */
    public static final int MAP = 7;
    /** An extension value (timestamps among them). */
    public static final int EXT = 8;

    private static final int INVALID = 9;
    private static final byte[] KINDS = new byte[256];
    /** For values of a size known from their first byte, that size; 0 for the others. */
    private static final byte[] FIXED = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            KINDS[b] = (byte) kindOf(b);
            FIXED[b] = (byte) fixedSize(b);
        }
    }

    private static int fixedSize(int b) {
        if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
            return 1;
        }
        if (b >= 0xa0 && b <= 0xbf) {
            return 1 + (b & 0x1f);
        }
        return switch (b) {
            case 0xcc, 0xd0 -> 2;
            case 0xcd, 0xd1 -> 3;
            case 0xce, 0xd2, 0xca -> 5;
            case 0xcf, 0xd3, 0xcb -> 9;
            case 0xd4 -> 3;
            case 0xd5 -> 4;
            case 0xd6 -> 6;
            case 0xd7 -> 10;
            case 0xd8 -> 18;
            default -> 0;
        };
    }

    private byte[] data = new byte[0];
    private int pos;
    private int limit;
    private boolean unsigned64;
    private int extType;

    private static int kindOf(int b) {
        if (b <= 0x7f || b >= 0xe0) {
            return INT;
        }
        if (b <= 0x8f) {
            return MAP;
        }
        if (b <= 0x9f) {
            return ARRAY;
        }
        if (b <= 0xbf) {
            return STR;
        }
        return switch (b) {
            case 0xc0 -> NIL;
            case 0xc2, 0xc3 -> BOOL;
            case 0xc4, 0xc5, 0xc6 -> BIN;
            case 0xc7, 0xc8, 0xc9, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8 -> EXT;
            case 0xca, 0xcb -> FLOAT;
            case 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3 -> INT;
            case 0xd9, 0xda, 0xdb -> STR;
            case 0xdc, 0xdd -> ARRAY;
            case 0xde, 0xdf -> MAP;
            default -> INVALID;
        };
    }

    /** Reads {@code bytes[offset, limit)} from {@code offset}; returns this reader. */
    public MsgpackReader reset(byte[] bytes, int offset, int end) {
        if (offset < 0 || end > bytes.length || offset > end) {
            throw new IndexOutOfBoundsException("[" + offset + ", " + end + ") of " + bytes.length);
        }
        data = bytes;
        pos = offset;
        limit = end;
        return this;
    }

    /** The array being read. */
    public byte[] data() {
        return data;
    }

    /** Where the next read starts. */
    public int position() {
        return pos;
    }

    /** Moves to {@code newPos}, which must lie within the bytes given to {@link #reset}. */
    public void position(int newPos) {
        if (newPos < 0 || newPos > limit) {
            throw MalformedMsgpackException.INSTANCE;
        }
        pos = newPos;
    }

    /** The end of the readable bytes (exclusive). */
    public int limit() {
        return limit;
    }

    /** Whether bytes remain before the limit. */
    public boolean hasMore() {
        return pos < limit;
    }

    private void need(int n) {
        if (n < 0 || limit - pos < n) {
            throw MalformedMsgpackException.INSTANCE;
        }
    }

    /** The kind of the next value ({@link #NIL} … {@link #EXT}), without consuming it. */
    public int kind() {
        need(1);
        int kind = KINDS[data[pos] & 0xff];
        if (kind == INVALID) {
            throw MalformedMsgpackException.INSTANCE;
        }
        return kind;
    }

    /** The kind of a value whose first byte is {@code b}, or -1 for a byte msgpack does not use. */
    public static int kindOf(byte b) {
        int kind = KINDS[b & 0xff];
        return kind == INVALID ? -1 : kind;
    }

    private int u8() {
        return data[pos++] & 0xff;
    }

    private int u16() {
        int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private int i32() {
        int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8)
                | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private long i64() {
        long hi = i32();
        return (hi << 32) | (i32() & 0xffffffffL);
    }

    private int length32() {
        int n = i32();
        if (n < 0) {
            throw MalformedMsgpackException.INSTANCE;
        }
        return n;
    }

    /** Reads a map header and returns its pair count. */
    public int readMapHeader() {
        need(1);
        int b = data[pos] & 0xff;
        if (b >= 0x80 && b <= 0x8f) {
            pos++;
            return b & 0x0f;
        }
        if (b == 0xde) {
            need(3);
            pos++;
            return u16();
        }
        if (b == 0xdf) {
            need(5);
            pos++;
            return length32();
        }
        throw MalformedMsgpackException.INSTANCE;
    }

    /** Reads an array header and returns its item count. */
    public int readArrayHeader() {
        need(1);
        int b = data[pos] & 0xff;
        if (b >= 0x90 && b <= 0x9f) {
            pos++;
            return b & 0x0f;
        }
        if (b == 0xdc) {
            need(3);
            pos++;
            return u16();
        }
        if (b == 0xdd) {
            need(5);
            pos++;
            return length32();
        }
        throw MalformedMsgpackException.INSTANCE;
    }

    /**
     * Reads a str or bin header and returns the payload length; the payload starts at {@link #position()} and is
     * known to lie within the limit.
     */
    public int readBytesHeader() {
        need(1);
        int b = data[pos] & 0xff;
        int n;
        if (b >= 0xa0 && b <= 0xbf) {
            pos++;
            n = b & 0x1f;
        } else if (b == 0xd9 || b == 0xc4) {
            need(2);
            pos++;
            n = u8();
        } else if (b == 0xda || b == 0xc5) {
            need(3);
            pos++;
            n = u16();
        } else if (b == 0xdb || b == 0xc6) {
            need(5);
            pos++;
            n = length32();
        } else {
            throw MalformedMsgpackException.INSTANCE;
        }
        need(n);
        return n;
    }

    /** Reads an ext header and returns the payload length; {@link #extType()} gives its type. */
    public int readExtHeader() {
        need(1);
        int b = data[pos] & 0xff;
        int n;
        switch (b) {
            case 0xd4 -> n = 1;
            case 0xd5 -> n = 2;
            case 0xd6 -> n = 4;
            case 0xd7 -> n = 8;
            case 0xd8 -> n = 16;
            case 0xc7 -> {
                need(2);
                n = data[pos + 1] & 0xff;
                pos++;
            }
            case 0xc8 -> {
                need(3);
                n = ((data[pos + 1] & 0xff) << 8) | (data[pos + 2] & 0xff);
                pos += 2;
            }
            case 0xc9 -> {
                need(5);
                pos++;
                n = length32();
                pos--;
            }
            default -> throw MalformedMsgpackException.INSTANCE;
        }
        pos++;
        need(1);
        extType = (byte) u8();
        need(n);
        return n;
    }

    /** The type of the ext value read last. */
    public int extType() {
        return extType;
    }

    /** Skips {@code n} payload bytes. */
    public void skip(int n) {
        need(n);
        pos += n;
    }

    /** Reads an integer; for a uint64 above {@link Long#MAX_VALUE} the bits are returned and {@link #wasUnsigned64()}. */
    public long readLong() {
        need(1);
        int b = data[pos] & 0xff;
        unsigned64 = false;
        if (b <= 0x7f) {
            pos++;
            return b;
        }
        if (b >= 0xe0) {
            pos++;
            return (byte) b;
        }
        switch (b) {
            case 0xcc, 0xd0 -> need(2);
            case 0xcd, 0xd1 -> need(3);
            case 0xce, 0xd2 -> need(5);
            case 0xcf, 0xd3 -> need(9);
            default -> throw MalformedMsgpackException.INSTANCE;
        }
        pos++;
        return switch (b) {
            case 0xcc -> u8();
            case 0xcd -> u16();
            case 0xce -> i32() & 0xffffffffL;
            case 0xcf -> {
                long v = i64();
                unsigned64 = v < 0;
                yield v;
            }
            case 0xd0 -> (byte) u8();
            case 0xd1 -> (short) u16();
            case 0xd2 -> i32();
            default -> i64();
        };
    }

    /** Whether the integer read last was a uint64 above {@link Long#MAX_VALUE}. */
    public boolean wasUnsigned64() {
        return unsigned64;
    }

    /** Reads a float32 or float64. */
    public double readDouble() {
        need(1);
        int b = data[pos] & 0xff;
        if (b == 0xca) {
            need(5);
            pos++;
            return Float.intBitsToFloat(i32());
        }
        if (b == 0xcb) {
            need(9);
            pos++;
            return Double.longBitsToDouble(i64());
        }
        throw MalformedMsgpackException.INSTANCE;
    }

    /** Reads a boolean. */
    public boolean readBoolean() {
        need(1);
        int b = data[pos] & 0xff;
        if (b == 0xc2 || b == 0xc3) {
            pos++;
            return b == 0xc3;
        }
        throw MalformedMsgpackException.INSTANCE;
    }

    /** Reads nil. */
    public void readNil() {
        need(1);
        if ((data[pos] & 0xff) != 0xc0) {
            throw MalformedMsgpackException.INSTANCE;
        }
        pos++;
    }

    /** Skips one whole value, nested containers included, without recursion. */
    public void skipValue() {
        final byte[] d = data;
        final int lim = limit;
        int p = pos;
        if (p < lim) {
            // a scalar or short string, most values: no loop
            int fixed = FIXED[d[p] & 0xff];
            if (fixed > 0) {
                if (p + fixed > lim) {
                    throw MalformedMsgpackException.INSTANCE;
                }
                pos = p + fixed;
                return;
            }
        }
        long pending = 1;
        while (pending > 0) {
            pending--;
            if (p >= lim) {
                throw MalformedMsgpackException.INSTANCE;
            }
            int b = d[p] & 0xff;
            int fixed = FIXED[b];
            if (fixed > 0) {
                p += fixed;
                continue;
            }
            if ((b & 0xf0) == 0x80) {
                pending += 2L * (b & 0x0f);
                p++;
                continue;
            }
            if ((b & 0xf0) == 0x90) {
                pending += b & 0x0f;
                p++;
                continue;
            }
            long next;
            switch (b) {
                case 0xc4, 0xd9 -> next = p + 2L + u8At(d, p + 1, lim);
                case 0xc5, 0xda -> next = p + 3L + u16At(d, p + 1, lim);
                case 0xc6, 0xdb -> next = p + 5L + u32At(d, p + 1, lim);
                case 0xc7 -> next = p + 3L + u8At(d, p + 1, lim);
                case 0xc8 -> next = p + 4L + u16At(d, p + 1, lim);
                case 0xc9 -> next = p + 6L + u32At(d, p + 1, lim);
                case 0xdc -> {
                    pending += u16At(d, p + 1, lim);
                    next = p + 3L;
                }
                case 0xdd -> {
                    pending += u32At(d, p + 1, lim);
                    next = p + 5L;
                }
                case 0xde -> {
                    pending += 2L * u16At(d, p + 1, lim);
                    next = p + 3L;
                }
                case 0xdf -> {
                    pending += 2L * u32At(d, p + 1, lim);
                    next = p + 5L;
                }
                default -> throw MalformedMsgpackException.INSTANCE;
            }
            if (next > lim) {
                throw MalformedMsgpackException.INSTANCE;
            }
            p = (int) next;
        }
        if (p > lim) {
            throw MalformedMsgpackException.INSTANCE;
        }
        pos = p;
    }

    private static int u8At(byte[] d, int at, int lim) {
        if (at >= lim) {
            throw MalformedMsgpackException.INSTANCE;
        }
        return d[at] & 0xff;
    }

    private static int u16At(byte[] d, int at, int lim) {
        if (at + 2 > lim) {
            throw MalformedMsgpackException.INSTANCE;
        }
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static long u32At(byte[] d, int at, int lim) {
        if (at + 4 > lim) {
            throw MalformedMsgpackException.INSTANCE;
        }
        return (((d[at] & 0xffL) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8)
                | (d[at + 3] & 0xff));
    }

    /** Skips the value at {@code at} and returns where it ends; the reader ends there too. */
    public int skipFrom(int at) {
        position(at);
        skipValue();
        return pos;
    }
}
