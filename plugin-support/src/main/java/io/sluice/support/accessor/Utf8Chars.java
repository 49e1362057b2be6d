package io.sluice.support.accessor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable {@link CharSequence} over UTF-8 bytes, so a regex can search a msgpack string without a {@link String}
 * per value. ASCII text, the usual case, is read in place (each byte is its char; nothing is copied); other text is
 * decoded by {@link #set} into an internal array that grows as needed, malformed sequences becoming U+FFFD. Valid
 * until the next {@code set}, and only while the bytes it was set to stay unchanged; not thread-safe.
 */
public final class Utf8Chars implements CharSequence {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private char[] chars = new char[256];
    private int length;
    /** The bytes of ASCII text read in place, or null when the text is in {@link #chars}. */
    private byte[] ascii;
    private int asciiOffset;

    /** Sets the text to the UTF-8 {@code bytes[offset, offset+len)}; returns this sequence. */
    public Utf8Chars set(byte[] bytes, int offset, int len) {
        int end = offset + len;
        int asciiEnd = asciiEnd(bytes, offset, end);
        if (asciiEnd == end) {
            ascii = bytes;
            asciiOffset = offset;
            length = len;
            return this;
        }
        ascii = null;
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        char[] c = chars;
        for (int i = offset; i < asciiEnd; i++) {
            c[i - offset] = (char) bytes[i];
        }
        length = decodeRest(bytes, asciiEnd, end, asciiEnd - offset);
        return this;
    }

    /** Where the run of ASCII bytes starting at {@code from} ends, eight bytes at a time. */
    static int asciiEnd(byte[] b, int from, int end) {
        int i = from;
        while (i + 8 <= end && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
            i += 8;
        }
        while (i < end && b[i] >= 0) {
            i++;
        }
        return i;
    }

    /** Sets the text to empty, holding on to no caller's bytes. */
    public void clear() {
        ascii = null;
        length = 0;
    }

    /** Sets the text to {@code s} (for callers that already hold a String). */
    public Utf8Chars set(CharSequence s) {
        if (s == this) {
            return this;
        }
        ascii = null;
        int len = s.length();
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        for (int i = 0; i < len; i++) {
            chars[i] = s.charAt(i);
        }
        length = len;
        return this;
    }

    private int decodeRest(byte[] b, int i, int end, int n) {
        while (i < end) {
            int c0 = b[i] & 0xff;
            if (c0 < 0x80) {
                put(n++, (char) c0);
                i++;
                continue;
            }
            int need;
            int cp;
            if (c0 >= 0xc2 && c0 <= 0xdf) {
                need = 1;
                cp = c0 & 0x1f;
            } else if (c0 >= 0xe0 && c0 <= 0xef) {
                need = 2;
                cp = c0 & 0x0f;
            } else if (c0 >= 0xf0 && c0 <= 0xf4) {
                need = 3;
                cp = c0 & 0x07;
            } else {
                put(n++, '\uFFFD');
                i++;
                continue;
            }
            if (end - i <= need) {
                put(n++, '\uFFFD');
                i++;
                continue;
            }
            boolean ok = true;
            for (int k = 1; k <= need; k++) {
                int cx = b[i + k] & 0xff;
                if ((cx & 0xc0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (cx & 0x3f);
            }
            if (!ok || (need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
                    || (need == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
                put(n++, '\uFFFD');
                i++;
                continue;
            }
            i += need + 1;
            if (cp >= 0x10000) {
                put(n++, Character.highSurrogate(cp));
                put(n++, Character.lowSurrogate(cp));
            } else {
                put(n++, (char) cp);
            }
        }
        return n;
    }

    private void put(int at, char ch) {
        if (at >= chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[at] = ch;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        byte[] a = ascii;
        return a != null ? (char) a[asciiOffset + index] : chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        if (ascii != null) {
            return new String(ascii, asciiOffset + start, end - start, StandardCharsets.ISO_8859_1);
        }
        return new String(chars, start, end - start);
    }

    @Override
    public String toString() {
        return subSequence(0, length).toString();
    }
}
