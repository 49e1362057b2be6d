package io.sluice.core.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Takes unreadable chunk files out of the backlog: moves each to {@code <storage.path>/corrupt/<stream>/}, never
 * overwriting an earlier one, or deletes it when {@code storage.delete_irrecoverable_chunks} is on.
 */
public final class Quarantine {

    /** The folder under {@code storage.path}; the backlog scan must not take it for a stream. */
    public static final String FOLDER = "corrupt";
    private static final int MAX_SUFFIX = 100_000;

    private final Path folder;
    private final boolean delete;
    private final SyncMode sync;
    private final ChunkFiles files;

    /** How a file was taken out. */
    public enum Action {
        /** Moved under the quarantine folder. */
        MOVED,
        /** Deleted. */
        DELETED
    }

    /**
     * What {@link #put} did.
     *
     * @param action moved or deleted
     * @param file   where the file is now; for a deleted file, where it was
     */
    public record Outcome(Action action, Path file) {
    }

    /** Quarantine on the real file system. */
    public Quarantine(Path storagePath, boolean deleteIrrecoverable, SyncMode sync) {
        this(storagePath, deleteIrrecoverable, sync, ChunkFiles.system());
    }

    /** Quarantine under {@code storagePath}, syncing directories through {@code files} in FULL mode. */
    public Quarantine(Path storagePath, boolean deleteIrrecoverable, SyncMode sync, ChunkFiles files) {
        this.folder = storagePath.resolve(FOLDER);
        this.delete = deleteIrrecoverable;
        this.sync = sync;
        this.files = files;
    }

    /** The quarantine folder, {@code <storage.path>/corrupt}. */
    public Path folder() {
        return folder;
    }

    /**
     * Moves {@code file} of {@code stream} (an input instance name) to {@code corrupt/<stream>/<file name>}, adding
     * {@code -1}, {@code -2}… before the extension when that name is taken; or deletes it. In FULL mode the
     * directories involved are synced.
     *
     * @throws IllegalArgumentException when {@code stream} is not a single path segment
     */
    public Outcome put(String stream, Path file) throws IOException {
        Path source = file.toAbsolutePath();
        if (delete) {
            Files.deleteIfExists(source);
            syncIfFull(source.getParent());
            return new Outcome(Action.DELETED, file);
        }
        Path dir = folder.resolve(segment(stream));
        Directories.create(dir, sync, files);
        String name = source.getFileName().toString();
        for (int i = 0; i < MAX_SUFFIX; i++) {
            Path target = dir.resolve(i == 0 ? name : suffixed(name, i));
            try {
                // without REPLACE_EXISTING a taken name fails instead of being overwritten
                Files.move(source, target);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            syncIfFull(dir);
            syncIfFull(source.getParent());
            return new Outcome(Action.MOVED, target);
        }
        throw new IOException("cannot quarantine " + file + ": " + MAX_SUFFIX + " files of that name in " + dir);
    }

    private void syncIfFull(Path dir) throws IOException {
        if (sync == SyncMode.FULL) {
            files.syncDirectory(dir);
        }
    }

    private static String segment(String stream) {
        if (stream.isEmpty() || stream.equals(".") || stream.equals("..") || stream.indexOf('/') >= 0
                || stream.indexOf('\\') >= 0 || stream.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("stream name '" + stream + "' is not a single path segment");
        }
        return stream;
    }

    /** {@code a.flb} → {@code a-1.flb}: the extension stays last so tools still recognise the file. */
    static String suffixed(String name, int i) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name + "-" + i : name.substring(0, dot) + "-" + i + name.substring(dot);
    }
}
