package io.sluice.core.storage;

import java.io.IOException;
import java.nio.file.Path;

/** Opens chunk files and syncs directories; {@link #system()} in production, a fault-injecting stand-in in tests. */
public interface ChunkFiles {

    /** Creates {@code file}, which must not exist yet, for appending. */
    ChunkChannel create(Path file) throws IOException;

    /** Opens the existing {@code file} for appending. */
    ChunkChannel openForAppend(Path file) throws IOException;

    /** Makes the entries of {@code directory} (files created, renamed or deleted in it) durable. */
    void syncDirectory(Path directory) throws IOException;

    /** The real file system. */
    static ChunkFiles system() {
        return SystemChunkFiles.INSTANCE;
    }
}
