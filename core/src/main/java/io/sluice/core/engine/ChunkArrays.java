package io.sluice.core.engine;

import java.util.ArrayDeque;

/**
 * Recycles the byte arrays behind chunks. A chunk starts in a small array (64 KiB) and moves once to a full one
 * (the seal threshold plus slack for the batch that crosses it); inputs that fill chunks start in a full array
 * directly. Reusing the full arrays spares G1 a humongous allocation per chunk at high rates. Idle arrays are
 * bounded, so the pool holds at most {@code maxIdleBytes} that no chunk uses. Thread-safe.
 */
final class ChunkArrays {

    static final int SMALL = 64 * 1024;
    private static final int SLACK = 256 * 1024;

    private final int fullSize;
    private final int maxIdleFull;
    private final int maxIdleSmall;
    private final ArrayDeque<byte[]> full = new ArrayDeque<>();
    private final ArrayDeque<byte[]> small = new ArrayDeque<>();

    ChunkArrays(long sealBytes, long maxIdleBytes) {
        this.fullSize = (int) Math.min(Integer.MAX_VALUE - 16, sealBytes + SLACK);
        this.maxIdleFull = (int) Math.max(0, maxIdleBytes / 2 / fullSize);
        this.maxIdleSmall = (int) Math.max(0, maxIdleBytes / 2 / SMALL);
    }

    /** An array of at least {@code need} bytes, starting in a full one when {@code startFull}. */
    byte[] take(int need, boolean startFull) {
        if (need > fullSize) {
            return new byte[need];
        }
        if (startFull || need > SMALL) {
            byte[] a = poll(full);
            return a != null ? a : new byte[fullSize];
        }
        byte[] a = poll(small);
        return a != null ? a : new byte[SMALL];
    }

    /** Gives back an array no chunk refers to any more. */
    void give(byte[] array) {
        if (array.length == fullSize) {
            offer(full, array, maxIdleFull);
        } else if (array.length == SMALL) {
            offer(small, array, maxIdleSmall);
        }
    }

    /** How many bytes the pool holds idle, for tests and the benchmark. */
    synchronized long idleBytes() {
        return (long) full.size() * fullSize + (long) small.size() * SMALL;
    }

    private synchronized byte[] poll(ArrayDeque<byte[]> pool) {
        return pool.pollFirst();
    }

    private synchronized void offer(ArrayDeque<byte[]> pool, byte[] array, int max) {
        if (pool.size() < max) {
            pool.addFirst(array);
        }
    }
}
