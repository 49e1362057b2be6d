package io.sluice.core.engine;

import io.sluice.core.storage.ChunkWriter;
import java.nio.file.Path;

/**
 * A chunk's file: its writer (open while the input appends to it, closed afterwards but still taking done marks),
 * and the bytes the file takes, counted against {@code storage.total_limit_size}.
 */
final class StoredChunk {

    private final Path path;
    private final String stream;
    private final ChunkWriter writer;
    private volatile long bytes;

    StoredChunk(Path path, String stream, ChunkWriter writer, long bytes) {
        this.path = path;
        this.stream = stream;
        this.writer = writer;
        this.bytes = bytes;
    }

    Path path() {
        return path;
    }

    /** The directory under {@code storage.path}: the instance name of the input that wrote it. */
    String stream() {
        return stream;
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
