package io.sluice.core.engine;

import io.sluice.core.storage.ChunkWriter;
import java.nio.file.Path;

/**
 * A chunk's file: its writer (open while the input appends to it, closed afterwards but still taking done marks),
 * and the bytes the file takes, counted against {@code storage.total_limit_size}.
 */
final class StoredChunk {

    private final ChunkWriter writer;
    private volatile long bytes;

    /** The file of {@code writer}, counted at its size now. */
    StoredChunk(ChunkWriter writer) {
        this.writer = writer;
        this.bytes = writer.size();
    }

    /** The file: its writer's. */
    Path path() {
        return writer.file();
    }

    ChunkWriter writer() {
        return writer;
    }

    long bytes() {
        return bytes;
    }

    void bytes(long size) {
        bytes = size;
    }
}
