package io.sluice.core.engine;

import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.StorageType;

/**
 * What a configuration's buffers may hold in the heap at once: each memory input's {@code Mem_Buf_Limit}, the
 * engine-wide cap when an input has none (filesystem inputs keep at most that much in memory too), each limit
 * overshot by at most one chunk, and beside them the backlog being replayed. The start-up checks refuse limits the
 * heap cannot hold; the backlog, which has a default of 100 MB whatever the heap, is read within what is left.
 */
public final class HeapBudget {

    /** What the JVM, the plugins and one chunk per input need beside the buffers. */
    public static final long BASE_HEAP = 24_000_000L;
    /** The backlog is always allowed one chunk in flight. */
    private static final long ONE_CHUNK = EngineTuning.SEAL_BYTES;

    private HeapBudget() {
    }

    /** Heap bytes the inputs' buffers need, the base included; the backlog not. */
    public static long buffers(PipelineConfig config) {
        long cap = config.service().memBufLimit();
        long needed = BASE_HEAP;
        boolean shared = false;
        for (InputDefinition input : config.inputs()) {
            if (input.storageType() != StorageType.FILESYSTEM && input.memBufLimit() > 0) {
                needed += input.memBufLimit() + ONE_CHUNK;
            } else {
                shared = true;
            }
        }
        if (shared) {
            needed += Math.max(cap, 0) + ONE_CHUNK;
        }
        return needed;
    }

    /** {@code storage.backlog.mem_limit}, lowered to what a heap of {@code maxHeap} has room for beside the buffers. */
    public static long backlogLimit(PipelineConfig config, long maxHeap) {
        long configured = config.service().storage().backlogMemLimit();
        return Math.min(configured, Math.max(ONE_CHUNK, maxHeap - buffers(config)));
    }
}
