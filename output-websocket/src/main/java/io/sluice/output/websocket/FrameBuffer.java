package io.sluice.output.websocket;

/**
 * The array a session frames its data messages into, reused from one flush to the next instead of a fresh array of
 * the whole message (2 MB and more) per chunk. It is lent for one frame at a time and only given back once that
 * frame is known to be written; while it is lent, frames get arrays of their own. It grows to the largest message
 * and shrinks again once a rare huge message has passed. Used by the session's sending thread only.
 */
final class FrameBuffer {

    /** Frames in a row that would fit in a quarter of the array before it is cut down to size. */
    static final int SHRINK_AFTER = 16;
    private static final int INITIAL = 64 * 1024;

    private byte[] array = new byte[0];
    private boolean lent;
    private int smallInARow;
    private long reuses;

    /**
     * An array of at least {@code size} bytes for one frame: the reused one if it is free (grown or shrunk as
     * needed), else a new one that is not kept.
     */
    byte[] lend(int size) {
        if (lent) {
            return new byte[size];
        }
        if (size > array.length) {
            array = new byte[Math.max(INITIAL, size + size / 8)];
            smallInARow = 0;
        } else if (size < array.length / 4 && array.length > INITIAL) {
            if (++smallInARow >= SHRINK_AFTER) {
                array = new byte[Math.max(INITIAL, size + size / 8)];
                smallInARow = 0;
            } else {
                reuses++;
            }
        } else {
            smallInARow = 0;
            reuses++;
        }
        lent = true;
        return array;
    }

    /** The frame framed into the lent array has been written to the socket: the array may be lent again. */
    void giveBack() {
        lent = false;
    }

    /** How many frames got the kept array as it was, without a new allocation. */
    long reuses() {
        return reuses;
    }

    /** The size of the array kept for reuse. */
    int capacity() {
        return array.length;
    }
}
