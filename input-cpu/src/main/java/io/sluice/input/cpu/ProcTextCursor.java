package io.sluice.input.cpu;

import java.io.IOException;

/** Walks the ASCII text of a {@code /proc} file, reading space-separated numbers straight from the bytes. */
final class ProcTextCursor {

    private byte[] bytes;
    private int pos;
    private int end;

    /** Starts reading {@code bytes[0, length)}. */
    void reset(byte[] newBytes, int length) {
        bytes = newBytes;
        pos = 0;
        end = length;
    }

    int position() {
        return pos;
    }

    void moveTo(int position) {
        pos = position;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** Whether the text at the cursor starts with {@code prefix}. */
    boolean startsWith(byte[] prefix) {
        if (end - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The byte at the cursor, or -1 at the end. */
    int peek() {
        return pos < end ? bytes[pos] : -1;
    }

    void skip(int n) {
        pos = Math.min(end, pos + n);
    }

    /** The index of the last {@code b} in the text, or -1. */
    int lastIndexOf(byte b) {
        for (int i = end - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Moves past the rest of the current line and its newline. */
    void nextLine() {
        while (pos < end && bytes[pos] != '\n') {
            pos++;
        }
        if (pos < end) {
            pos++;
        }
    }

    /** Skips blanks, then one token of non-blank characters; fails when there is none before the line ends. */
    void skipToken() throws IOException {
        skipBlanks();
        int start = pos;
        while (pos < end && !isBlank(bytes[pos]) && bytes[pos] != '\n') {
            pos++;
        }
        if (pos == start) {
            throw malformed("a field");
        }
    }

    /**
     * Skips blanks, then reads an unsigned decimal number. Kernel counters are unsigned 64-bit: digits beyond the
     * long range wrap modulo 2^64, so the difference of two readings is still right across a 64-bit wrap.
     */
    long nextUnsigned() throws IOException {
        skipBlanks();
        int start = pos;
        long value = 0;
        while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9') {
            value = value * 10 + (bytes[pos] - '0');
            pos++;
        }
        if (pos == start) {
            throw malformed("a number");
        }
        return value;
    }

    private void skipBlanks() {
        while (pos < end && isBlank(bytes[pos])) {
            pos++;
        }
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private IOException malformed(String expected) {
        return new IOException("expected " + expected + " at byte " + pos);
    }
}
