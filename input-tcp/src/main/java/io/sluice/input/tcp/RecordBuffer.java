package io.sluice.input.tcp;

import io.sluice.support.event.EventBuffer;

/** An {@link EventBuffer} that can also write Java chars as a UTF-8 string without creating a String. */
final class RecordBuffer extends EventBuffer {

    RecordBuffer(int initialCapacity) {
        super(initialCapacity);
    }

    /** Writes {@code chars[off, off+len)} as a msgpack string; a lone surrogate becomes U+FFFD. */
    void writeChars(char[] chars, int off, int len) {
        int start = size;
        writeStringHeader(len);
        ensure(len);
        byte[] b = buf;
        int p = size;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = chars[i];
            if (c >= 0x80) {
                // not ASCII after all: the byte length differs from the char count, so start over measured
                size = start;
                writeMeasured(chars, off, len);
                return;
            }
            b[p++] = (byte) c;
        }
        size = p;
    }

    private void writeMeasured(char[] chars, int off, int len) {
        int end = off + len;
        int bytes = utf8Length(chars, off, end);
        writeStringHeader(bytes);
        ensure(bytes);
        byte[] b = buf;
        int p = size;
        for (int i = off; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                b[p++] = (byte) (0xf0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                int cp = Character.isSurrogate(c) ? 0xfffd : c;
                b[p++] = (byte) (0xe0 | (cp >> 12));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (cp & 0x3f));
            }
        }
        size = p;
    }

    private static int utf8Length(char[] chars, int from, int end) {
        int n = 0;
        for (int i = from; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
