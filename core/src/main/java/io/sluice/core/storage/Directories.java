package io.sluice.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Creates storage directories so that, in FULL mode, a new directory survives a power loss like a new file. */
public final class Directories {

    private Directories() {
    }

    /** {@link #create(Path, SyncMode, ChunkFiles)} on the real file system. */
    public static void create(Path dir, SyncMode sync) throws IOException {
        create(dir, sync, ChunkFiles.system());
    }

    /**
     * Creates {@code dir} and its missing parents; in FULL mode syncs the parent of each directory created, since a
     * new directory entry is durable only once its parent is.
     */
    public static void create(Path dir, SyncMode sync, ChunkFiles files) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(p);
        }
        if (missing.isEmpty()) {
            return;
        }
        Files.createDirectories(abs);
        if (sync == SyncMode.FULL) {
            for (int i = missing.size() - 1; i >= 0; i--) {
                files.syncDirectory(missing.get(i).getParent());
            }
        }
    }
}
