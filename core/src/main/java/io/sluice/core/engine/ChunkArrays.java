package io.sluice.core.engine;

import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.PipelineConfig;
import java.util.ArrayDeque;

/**
 * Recycles the byte arrays behind chunks, in four size classes: 64 KiB, 256 KiB, 1 MiB and full (the seal
 * threshold plus slack for the batch that crosses it). A chunk starts in the smallest class that holds its first
 * batch and moves up as it grows, so a chunk of a quiet input holds little heap beyond what it accounts; an input
 * that filled its last chunk starts the next one full. Reusing arrays spares G1 a humongous allocation per chunk at
 * high rates. The full class may keep half of {@code maxIdleBytes} idle, the smaller ones share the other half;
 * {@link #allowance} sizes it from the inputs' buffer limits.
 * Thread-safe.
 */
final class ChunkArrays {

    private static final int SLACK = 256 * 1024;
    private static final int[] SMALL_CLASSES = {64 * 1024, 256 * 1024, 1024 * 1024};

    private final int[] sizes;
    private final int[] maxIdle;
    private final ArrayDeque<byte[]>[] pools;

    ChunkArrays(long sealBytes, long maxIdleBytes) {
        int full = (int) Math.min(Integer.MAX_VALUE - 16, sealBytes + SLACK);
        int n = 0;
        int[] classes = new int[SMALL_CLASSES.length + 1];
        for (int size : SMALL_CLASSES) {
            if (size < full) {
                classes[n++] = size;
            }
        }
        classes[n++] = full;
        this.sizes = java.util.Arrays.copyOf(classes, n);
        this.maxIdle = new int[n];
        this.pools = newPools(n);
        for (int i = 0; i < n; i++) {
            long share = i == n - 1 ? maxIdleBytes / 2 : maxIdleBytes / 2 / Math.max(1, n - 1);
            maxIdle[i] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, share / sizes[i]));
            pools[i] = new ArrayDeque<>();
        }
    }

    /**
     * How many idle bytes the pool of an engine for {@code config} may keep: at least {@code tuning.pooledBytes()},
     * and, when every input is bounded by a {@code Mem_Buf_Limit}, twice the full arrays the inputs can hold (the
     * full class gets half), so an output that drains a whole buffer at once hands back arrays the inputs take again
     * instead of leaving them to the collector. Arrays are made only when the pool is empty, so this never keeps
     * more than the buffers once held. 0 (pooling off) stays 0.
     */
    static long allowance(PipelineConfig config, EngineTuning tuning) {
        if (tuning.pooledBytes() <= 0) {
            return 0;
        }
        long seal = Math.max(1, tuning.sealBytes());
        // a limit of L holds L / seal sealed chunks, the one whose append crossed it, and the open one
        long fullChunks = 0;
        boolean shared = false;
        for (InputDefinition def : config.inputs()) {
            if (def.memBufLimit() > 0) {
                fullChunks += def.memBufLimit() / seal + 2;
            } else {
                shared = true;
                fullChunks += 1;
            }
        }
        if (shared) {
            long cap = config.service().memBufLimit();
            if (cap <= 0) {
                return tuning.pooledBytes();
            }
            fullChunks += cap / seal + 1;
        }
        return Math.max(tuning.pooledBytes(), 2 * fullChunks * (seal + SLACK));
    }

    /** An array of at least {@code need} bytes; a full one when {@code startFull}. */
    byte[] take(int need, boolean startFull) {
        int full = sizes.length - 1;
        if (need > sizes[full]) {
            return new byte[need];
        }
        int c = startFull ? full : 0;
        while (sizes[c] < need) {
            c++;
        }
        byte[] pooled = poll(c);
        return pooled != null ? pooled : new byte[sizes[c]];
    }

    /** Gives back an array no chunk refers to any more. */
    void give(byte[] array) {
        for (int c = 0; c < sizes.length; c++) {
            if (array.length == sizes[c]) {
                offer(c, array);
                return;
            }
        }
    }

    /** How many bytes the pool holds idle. */
    synchronized long idleBytes() {
        long idle = 0;
        for (int c = 0; c < sizes.length; c++) {
            idle += (long) pools[c].size() * sizes[c];
        }
        return idle;
    }

    private synchronized byte[] poll(int c) {
        return pools[c].pollLast();
    }

    private synchronized void offer(int c, byte[] array) {
        if (pools[c].size() < maxIdle[c]) {
            pools[c].addFirst(array);
        }
    }

    @SuppressWarnings("unchecked") // Java cannot create a generic array; every element is set at once
    private static ArrayDeque<byte[]>[] newPools(int n) {
        return (ArrayDeque<byte[]>[]) new ArrayDeque<?>[n];
    }
}
