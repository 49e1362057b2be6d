package io.sluice.support.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The string keys of the maps being written, one level above the other on a reusable stack, so a key that repeats
 * one of its map is seen as it is read. Each key is kept as its length and its first and last eight bytes, which
 * are the whole key up to 16 bytes; longer keys are compared in full only when those match. Creates no objects
 * once its arrays have grown to the widest map.
 */
final class KeySet {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long[] heads = new long[32];
    private long[] tails = new long[32];
    private int[] lengths = new int[32];
    private int[] offsets = new int[32];
    private int top;
    private long lastHead;
    private long lastTail;

    /** Where the keys of a map about to be read start; give it to {@link #add} and {@link #release}. */
    int mark() {
        return top;
    }

    /** Forgets the keys from {@code mark} on. */
    void release(int mark) {
        top = mark;
    }

    /**
     * Adds the key {@code data[off, off+len)} to the map whose keys start at {@code mark}; false, adding nothing,
     * when the map has it already.
     */
    boolean add(byte[] data, int off, int len, int mark) {
        long head = head(data, off, len);
        long tail = tail(data, off, len);
        lastHead = head;
        lastTail = tail;
        for (int k = mark; k < top; k++) {
            if (heads[k] == head && tails[k] == tail && lengths[k] == len
                    && (len <= 16 || Arrays.equals(data, off, off + len, data, offsets[k], offsets[k] + len))) {
                return false;
            }
        }
        if (top == heads.length) {
            grow();
        }
        heads[top] = head;
        tails[top] = tail;
        lengths[top] = len;
        offsets[top] = off;
        top++;
        return true;
    }

    /**
     * Whether the key given to {@link #add} last, {@code data[off, off+len)}, is {@code key}, whose {@link #head}
     * and {@link #tail} are {@code keyHead} and {@code keyTail}.
     */
    boolean lastIs(byte[] key, long keyHead, long keyTail, byte[] data, int off, int len) {
        return lastHead == keyHead && lastTail == keyTail && len == key.length
                && (len <= 16 || Arrays.equals(data, off, off + len, key, 0, len));
    }

    /** The first up to eight bytes of {@code data[off, off+len)} as a number, the rest zero. */
    static long head(byte[] data, int off, int len) {
        if (len >= 8) {
            return (long) WORDS.get(data, off);
        }
        if (data.length - off >= 8) {
            return (long) WORDS.get(data, off) & ((1L << (len << 3)) - 1);
        }
        long v = 0;
        for (int k = len - 1; k >= 0; k--) {
            v = (v << 8) | (data[off + k] & 0xff);
        }
        return v;
    }

    /** The last eight bytes of a key longer than eight bytes as a number, else 0. */
    static long tail(byte[] data, int off, int len) {
        return len > 8 ? (long) WORDS.get(data, off + len - 8) : 0;
    }

    private void grow() {
        int n = heads.length * 2;
        heads = Arrays.copyOf(heads, n);
        tails = Arrays.copyOf(tails, n);
        lengths = Arrays.copyOf(lengths, n);
        offsets = Arrays.copyOf(offsets, n);
    }
}
