package io.sluice.support.format;

import io.sluice.support.ByteSink;
import io.sluice.support.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes UTF-8 bytes as a quoted JSON string by Fluent Bit's rules: short escapes for {@code " \ \n \r \t \b \f},
 * <code>&#92;u00XX</code> for other controls and DEL, {@code /} as is; non-ASCII as <code>&#92;uXXXX</code> (surrogate pairs for
 * astral planes) or raw; each invalid byte as U+FFFD.
 */
final class JsonStrings {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] REPLACEMENT_RAW = {(byte) 0xef, (byte) 0xbf, (byte) 0xbd};
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    /** Eight plain bytes ('a'), standing in for the bytes of a word past a short string's end. */
    private static final long PLAIN_WORD = 0x6161616161616161L;
    /** Bytes written as they are: printable ASCII except {@code "} and {@code \\}. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x7f; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private JsonStrings() {
    }

    /** Writes {@code b[off, off+len)} quoted. */
    static void writeQuoted(ByteSink out, byte[] b, int off, int len, boolean escapeUnicode) {
        out.write('"');
        writeEscaped(out, b, off, len, escapeUnicode);
        out.write('"');
    }

    /** Writes {@code b[off, off+len)} escaped, without quotes. */
    static void writeEscaped(ByteSink out, byte[] b, int off, int len, boolean escapeUnicode) {
        int end = off + len;
        int run = off;
        int i = off;
        while (true) {
            i = plainRunEnd(b, i, end);
            if (i == end) {
                break;
            }
            int c = b[i] & 0xff;
            if (i > run) {
                out.write(b, run, i - run);
            }
            if (c < 0x80) {
                writeAsciiEscape(out, c);
                i++;
            } else {
                int n = Utf8.sequenceLength(b, i, end);
                if (n == 0) {
                    if (escapeUnicode) {
                        writeUnicodeEscape(out, 0xfffd);
                    } else {
                        out.write(REPLACEMENT_RAW, 0, 3);
                    }
                    i++;
                } else {
                    if (escapeUnicode) {
                        int cp = codePoint(b, i, n);
                        if (cp >= 0x10000) {
                            writeUnicodeEscape(out, Character.highSurrogate(cp));
                            writeUnicodeEscape(out, Character.lowSurrogate(cp));
                        } else {
                            writeUnicodeEscape(out, cp);
                        }
                    } else {
                        out.write(b, i, n);
                    }
                    i += n;
                }
            }
            run = i;
        }
        if (end > run) {
            out.write(b, run, end - run);
        }
    }

    /**
     * The index of the first byte in {@code b[i, end)} that cannot be copied as is (a control, DEL, {@code "},
     * {@code \\} or non-ASCII), or {@code end}. Eight bytes are tested at a time with word arithmetic, since most
     * strings need no escape at all: a last word that overlaps the bytes already tested covers the rest, and a string
     * shorter than a word is tested as one word whose bytes past its end count as plain. Only a word that holds a
     * byte needing escape is looked at byte by byte.
     */
    static int plainRunEnd(byte[] b, int i, int end) {
        int n = end - i;
        if (n >= 8) {
            int last = end - 8;
            while (i <= last) {
                if (special((long) WORDS.get(b, i)) != 0) {
                    return plainBytesEnd(b, i, end);
                }
                i += 8;
            }
            if (i == end || special((long) WORDS.get(b, last)) == 0) {
                return end;
            }
        } else if (n > 0 && b.length - i >= 8) {
            long keep = -1L >>> ((8 - n) << 3);
            long x = ((long) WORDS.get(b, i) & keep) | (PLAIN_WORD & ~keep);
            if (special(x) == 0) {
                return end;
            }
        }
        return plainBytesEnd(b, i, end);
    }

    private static int plainBytesEnd(byte[] b, int i, int end) {
        while (i < end && PLAIN[b[i] & 0xff]) {
            i++;
        }
        return i;
    }

    /**
     * Non-zero exactly when a byte of {@code x} needs escaping. For a byte below 0x80 adding 0x60 sets its top bit
     * when it is 0x20 or more, adding 1 when it is DEL, and adding 0x7f to it xor {@code "} (or {@code \\}) when it
     * is not that character, none of them carrying into the next byte; a byte at or above 0x80 clears its own bit of
     * the result whatever the carries did to the others.
     */
    private static long special(long x) {
        long plain = (x + 0x60 * ONES) & ((x ^ ('"' * ONES)) + 0x7f * ONES) & ((x ^ ('\\' * ONES)) + 0x7f * ONES)
                & ~(x | (x + ONES));
        return ~plain & HIGH_BITS;
    }

    private static void writeAsciiEscape(ByteSink out, int c) {
        int shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
        if (shortForm != 0) {
            out.write('\\');
            out.write(shortForm);
        } else {
            writeUnicodeEscape(out, c);
        }
    }

    private static void writeUnicodeEscape(ByteSink out, int unit) {
        out.ensure(6);
        out.write('\\');
        out.write('u');
        out.write(HEX[(unit >>> 12) & 0xf]);
        out.write(HEX[(unit >>> 8) & 0xf]);
        out.write(HEX[(unit >>> 4) & 0xf]);
        out.write(HEX[unit & 0xf]);
    }

    /** Writes {@code \xNN} for each byte, lower-case hex (the content of an ext value's string). */
    static void writeHexEscapes(ByteSink out, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            out.write('\\');
            out.write('\\');
            out.write('x');
            out.write(HEX[(b[i] >>> 4) & 0xf]);
            out.write(HEX[b[i] & 0xf]);
        }
    }

    private static int codePoint(byte[] b, int i, int n) {
        int cp = b[i] & (0xff >>> (n + 1));
        for (int k = 1; k < n; k++) {
            cp = (cp << 6) | (b[i + k] & 0x3f);
        }
        return cp;
    }
}
