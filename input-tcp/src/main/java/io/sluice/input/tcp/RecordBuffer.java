package io.sluice.input.tcp;

import io.sluice.support.event.EventBuffer;

/**
 * An {@link EventBuffer} that can also write a string whose length is known only at its end, as the JSON decoder
 * copies a string that spans reads or needs unescaping: {@link #beginString()} reserves the largest header,
 * {@link #endString(int)} shrinks it to the smallest form.
 */
final class RecordBuffer extends EventBuffer {

    private static final int RESERVED = 5;

    RecordBuffer(int initialCapacity) {
        super(initialCapacity);
    }

    /** Reserves a string header; the caller appends the string's UTF-8 bytes, then calls {@link #endString}. */
    int beginString() {
        int mark = size;
        ensure(RESERVED);
        size += RESERVED;
        return mark;
    }

    /** Completes the string begun at {@code mark}, whose bytes are everything written since. */
    void endString(int mark) {
        int start = mark + RESERVED;
        int len = size - start;
        int header = len < 32 ? 1 : len < 256 ? 2 : len < 65536 ? 3 : 5;
        int shift = RESERVED - header;
        byte[] b = buf;
        if (shift > 0) {
            System.arraycopy(b, start, b, start - shift, len);
            size -= shift;
        }
        if (header == 1) {
            b[mark] = (byte) (0xa0 | len);
        } else if (header == 2) {
            b[mark] = (byte) 0xd9;
            b[mark + 1] = (byte) len;
        } else if (header == 3) {
            b[mark] = (byte) 0xda;
            b[mark + 1] = (byte) (len >>> 8);
            b[mark + 2] = (byte) len;
        } else {
            b[mark] = (byte) 0xdb;
            b[mark + 1] = (byte) (len >>> 24);
            b[mark + 2] = (byte) (len >>> 16);
            b[mark + 3] = (byte) (len >>> 8);
            b[mark + 4] = (byte) len;
        }
    }

    /** Appends the UTF-8 encoding of U+FFFD, the replacement character. */
    void writeReplacement() {
        ensure(3);
        byte[] b = buf;
        b[size] = (byte) 0xef;
        b[size + 1] = (byte) 0xbf;
        b[size + 2] = (byte) 0xbd;
        size += 3;
    }

    /** Appends the UTF-8 encoding of code point {@code cp} (not a surrogate). */
    void writeCodePoint(int cp) {
        ensure(4);
        byte[] b = buf;
        int p = size;
        if (cp < 0x80) {
            b[p++] = (byte) cp;
        } else if (cp < 0x800) {
            b[p++] = (byte) (0xc0 | (cp >> 6));
            b[p++] = (byte) (0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            b[p++] = (byte) (0xe0 | (cp >> 12));
            b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            b[p++] = (byte) (0x80 | (cp & 0x3f));
        } else {
            b[p++] = (byte) (0xf0 | (cp >> 18));
            b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            b[p++] = (byte) (0x80 | (cp & 0x3f));
        }
        size = p;
    }
}
