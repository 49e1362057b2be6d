package io.sluice.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer that formatters and encoders write into; reuse it with {@link #clear()}. Not thread-safe. */
public class ByteSink {

    /** The backing array; valid bytes are {@code [0, size)}. */
    protected byte[] buf;
    /** The number of valid bytes. */
    protected int size;

    /** An empty sink with room for {@code initialCapacity} bytes. */
    public ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The backing array; only {@code [0, size())} is meaningful, and it changes when the sink grows. */
    public final byte[] array() {
        return buf;
    }

    /** The number of bytes written. */
    public final int size() {
        return size;
    }

    /** Forgets the content, keeping the capacity. */
    public void clear() {
        size = 0;
    }

    /** Cuts the content back to {@code newSize} bytes (to undo a partial write). */
    public final void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("truncate to " + newSize + " of " + size);
        }
        size = newSize;
    }

    /** Makes room for {@code n} more bytes. */
    public final void ensure(int n) {
        int need = size + n;
        if (need > buf.length) {
            if (need < 0) {
                throw new IllegalStateException("buffer over 2 GiB");
            }
            buf = Arrays.copyOf(buf, Math.max(need, buf.length + (buf.length >> 1)));
        }
    }

    /** Appends one byte. */
    public final void write(int b) {
        if (size == buf.length) {
            ensure(1);
        }
        buf[size++] = (byte) b;
    }

    /** Appends {@code len} bytes of {@code src} from {@code off}. */
    public final void write(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    /** Appends all of {@code src}. */
    public final void write(byte[] src) {
        write(src, 0, src.length);
    }

    /** Appends a string of ASCII characters (numbers, keys known to be ASCII) one byte each. */
    public final void writeAscii(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    /** A copy of the content. */
    public final byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The content decoded as UTF-8, for tests and messages. */
    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }
}
