package io.sluice.core.engine;

import java.util.List;
import java.util.Map;

/**
 * The state of the buffers at one moment, for {@code /api/v1/storage} and the storage gauges.
 *
 * @param inputs         per input (the backlog reader included), in configuration order
 * @param diskBytes      bytes of the chunk files under {@code storage.path} this run knows of
 * @param corruptChunks  files found unreadable (quarantined or deleted) or with frames that failed their checksum
 *                       (cut, a copy quarantined) since start
 * @param orphanChunks   backlog files kept on disk because no output matches their tag
 * @param writeErrors    chunk writes that failed (a full disk) since start
 * @param evictedRecords records dropped per output to stay under {@code storage.total_limit_size}
 * @param replayed       records replayed from the backlog, per input that wrote them
 * @param filesystem     whether a {@code storage.path} is set
 * @param capacity       per output, the percentage of its {@code storage.total_limit_size} still free (100 when it
 *                       has none)
 */
public record StorageSnapshot(List<InputStorage> inputs, long diskBytes, long corruptChunks, long orphanChunks,
                              long writeErrors, Map<String, Long> evictedRecords, Map<String, Long> replayed,
                              boolean filesystem, Map<String, Double> capacity) {

    /**
     * One input's chunks.
     *
     * @param name      instance name
     * @param type      memory, filesystem, memrb, or backlog
     * @param overlimit whether its {@code Mem_Buf_Limit} is set and reached
     * @param memSize   bytes of its chunks held in memory
     * @param memLimit  its {@code Mem_Buf_Limit}, 0 for none
     * @param total     chunks, open and sealed
     * @param up        chunks in memory
     * @param down      stored chunks not in memory
     * @param busy      chunks handed to an output
     * @param busySize  their bytes
     */
    public record InputStorage(String name, String type, boolean overlimit, long memSize, long memLimit, int total,
                               int up, int down, int busy, long busySize) {
    }
}
