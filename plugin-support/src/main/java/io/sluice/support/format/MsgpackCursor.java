package io.sluice.support.format;

/**
 * A forward-only msgpack reader over a byte array that creates no objects: callers ask for the next value's
 * {@link #kind()}, then read a header or scalar, and read string payloads straight from {@link #data()}.
 * Every read checks the bounds and reports truncated or unknown input as a {@link FormatException} for the
 * record set in {@link #record}.
 */
final class MsgpackCursor {

    static final int NIL = 0;
    static final int BOOL = 1;
    static final int INT = 2;
    static final int FLOAT = 3;
    static final int STR = 4;
    static final int BIN = 5;
    static final int ARRAY = 6;
    static final int MAP = 7;
    static final int EXT = 8;
    static final int INVALID = 9;

    private static final byte[] KINDS = new byte[256];
    /** Bytes that are a whole value: fixints, nil, booleans, the empty map and the empty array. */
    private static final boolean[] ONE_BYTE = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            KINDS[b] = (byte) kindOf(b);
            ONE_BYTE[b] = b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3 || b == 0x80 || b == 0x90;
        }
    }

    private byte[] data;
    private int pos;
    private int limit;
    private boolean unsigned64;
    private int extType;
    /** The index of the event being read, named in errors. */
    int record;

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

    void reset(byte[] bytes, int offset, int end) {
        data = bytes;
        pos = offset;
        limit = end;
    }

    byte[] data() {
        return data;
    }

    int position() {
        return pos;
    }

    void position(int newPos) {
        pos = newPos;
    }

    boolean hasMore() {
        return pos < limit;
    }

    FormatException error(String message) {
        return new FormatException(record, message);
    }

    private void need(int n) throws FormatException {
        if (n < 0 || limit - pos < n) {
            throw error("truncated msgpack at byte " + pos);
        }
    }

    /** The kind of the next value, without consuming it. */
    int kind() throws FormatException {
        need(1);
        int kind = KINDS[data[pos] & 0xff];
        if (kind == INVALID) {
            throw error("invalid msgpack byte 0x" + Integer.toHexString(data[pos] & 0xff) + " at " + pos);
        }
        return kind;
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

    private int length32() throws FormatException {
        int n = i32();
        if (n < 0) {
            throw error("msgpack length over 2 GiB at " + (pos - 4));
        }
        return n;
    }

    /** Reads a map header and returns its pair count. */
    int readMapHeader() throws FormatException {
        need(1);
        int b = u8();
        if (b >= 0x80 && b <= 0x8f) {
            return b & 0x0f;
        }
        if (b == 0xde) {
            need(2);
            return u16();
        }
        if (b == 0xdf) {
            need(4);
            return length32();
        }
        pos--;
        throw error("expected a map at " + pos);
    }

    /** Reads an array header and returns its item count. */
    int readArrayHeader() throws FormatException {
        need(1);
        int b = u8();
        if (b >= 0x90 && b <= 0x9f) {
            return b & 0x0f;
        }
        if (b == 0xdc) {
            need(2);
            return u16();
        }
        if (b == 0xdd) {
            need(4);
            return length32();
        }
        pos--;
        throw error("expected an array at " + pos);
    }

    /** Reads a str or bin header and returns the payload length; the payload starts at {@link #position()}. */
    int readBytesHeader() throws FormatException {
        need(1);
        int b = u8();
        int n;
        if (b >= 0xa0 && b <= 0xbf) {
            n = b & 0x1f;
        } else if (b == 0xd9 || b == 0xc4) {
            need(1);
            n = u8();
        } else if (b == 0xda || b == 0xc5) {
            need(2);
            n = u16();
        } else if (b == 0xdb || b == 0xc6) {
            need(4);
            n = length32();
        } else {
            pos--;
            throw error("expected a string at " + pos);
        }
        need(n);
        return n;
    }

    /** Reads an ext header and returns the payload length; {@link #extType()} gives its type. */
    int readExtHeader() throws FormatException {
        need(1);
        int b = u8();
        int n;
        switch (b) {
            case 0xd4 -> n = 1;
            case 0xd5 -> n = 2;
            case 0xd6 -> n = 4;
            case 0xd7 -> n = 8;
            case 0xd8 -> n = 16;
            case 0xc7 -> {
                need(1);
                n = u8();
            }
            case 0xc8 -> {
                need(2);
                n = u16();
            }
            case 0xc9 -> {
                need(4);
                n = length32();
            }
            default -> {
                pos--;
                throw error("expected an ext value at " + pos);
            }
        }
        need(1);
        extType = (byte) u8();
        need(n);
        return n;
    }

    /** The type of the ext value read last. */
    int extType() {
        return extType;
    }

    /** Reads a 32-bit big-endian value from the current payload (e.g. EventTime parts). */
    int readInt32() throws FormatException {
        need(4);
        return i32();
    }

    /** Skips {@code n} payload bytes. */
    void skip(int n) throws FormatException {
        need(n);
        pos += n;
    }

    /** Reads an integer; for uint64 above {@link Long#MAX_VALUE} the bits are returned and {@link #wasUnsigned64()}. */
    long readLong() throws FormatException {
        need(1);
        int b = u8();
        unsigned64 = false;
        if (b <= 0x7f) {
            return b;
        }
        if (b >= 0xe0) {
            return (byte) b;
        }
        switch (b) {
            case 0xcc, 0xd0 -> need(1);
            case 0xcd, 0xd1 -> need(2);
            case 0xce, 0xd2 -> need(4);
            case 0xcf, 0xd3 -> need(8);
            default -> {
                pos--;
                throw error("expected an integer at " + pos);
            }
        }
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
    boolean wasUnsigned64() {
        return unsigned64;
    }

    /** Reads a float32 or float64. */
    double readDouble() throws FormatException {
        need(1);
        int b = u8();
        if (b == 0xca) {
            need(4);
            return Float.intBitsToFloat(i32());
        }
        if (b == 0xcb) {
            need(8);
            return Double.longBitsToDouble(i64());
        }
        pos--;
        throw error("expected a float at " + pos);
    }

    /** Reads a boolean. */
    boolean readBoolean() throws FormatException {
        need(1);
        int b = u8();
        if (b == 0xc2 || b == 0xc3) {
            return b == 0xc3;
        }
        pos--;
        throw error("expected a boolean at " + pos);
    }

    /** Skips one whole value, nested containers included, without recursion. */
    void skipValue() throws FormatException {
        if (pos < limit && ONE_BYTE[data[pos] & 0xff]) {
            // the metadata of most events is an empty map
            pos++;
            return;
        }
        long pending = 1;
        while (pending > 0) {
            pending--;
            switch (kind()) {
                case NIL, BOOL -> pos++;
                case INT -> readLong();
                case FLOAT -> readDouble();
                case STR, BIN -> skip(readBytesHeader());
                case EXT -> skip(readExtHeader());
                case ARRAY -> pending += readArrayHeader();
                case MAP -> pending += 2L * readMapHeader();
                default -> throw error("invalid msgpack at " + pos);
            }
        }
    }
}
