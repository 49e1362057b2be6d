package io.sluice.core.storage;

import java.io.IOException;

/** Cuts a chunk file back to its last valid frame, so a torn tail does not stay in front of later appends. */
public final class ChunkRepair {

    private ChunkRepair() {
    }

    /** {@link #cutToValidLength(LoadedChunk, SyncMode, ChunkFiles)} on the real file system. */
    public static long cutToValidLength(LoadedChunk chunk, SyncMode sync) throws IOException {
        return cutToValidLength(chunk, sync, ChunkFiles.system());
    }

    /**
     * Truncates {@code chunk}'s file to {@link LoadedChunk#validLength()} (forced in FULL mode) and returns how many
     * bytes were cut, 0 when there was nothing after the last valid frame. Corrupt frames before that frame stay:
     * the loader skips them again. Logging the cut is the caller's job.
     *
     * @throws IllegalArgumentException when the chunk was not readable
     * @throws IOException              when the file cannot be written, or is now shorter than when it was loaded
     */
    public static long cutToValidLength(LoadedChunk chunk, SyncMode sync, ChunkFiles files) throws IOException {
        if (!chunk.status().readable()) {
            throw new IllegalArgumentException("chunk " + chunk.file() + " is not readable: " + chunk.describe());
        }
        try (ChunkChannel ch = files.openForAppend(chunk.file())) {
            long size = ch.size();
            long valid = chunk.validLength();
            if (size < valid) {
                throw new IOException("chunk file " + chunk.file() + " is " + size + " bytes, shorter than its "
                        + valid + " valid bytes when loaded");
            }
            if (size == valid) {
                return 0;
            }
            ch.truncate(valid);
            if (sync == SyncMode.FULL) {
                ch.force();
            }
            return size - valid;
        }
    }
}
