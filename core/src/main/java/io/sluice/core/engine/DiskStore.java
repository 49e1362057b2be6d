package io.sluice.core.engine;

import io.sluice.core.config.StorageSettings;
import io.sluice.core.storage.ChunkFiles;
import io.sluice.core.storage.ChunkWriter;
import io.sluice.core.storage.Directories;
import io.sluice.core.storage.Quarantine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk files under {@code storage.path}: one folder per input instance (a "stream"), one file per chunk, named
 * so that names sort by creation time. Files are created and appended to on the input's thread (a batch counts only
 * once written); closing, done marks, deletes and quarantine run in order on the I/O thread, never on the engine
 * thread.
 */
final class DiskStore {

    private static final Logger LOG = LoggerFactory.getLogger("storage");

    private final Path root;
    private final StorageSettings settings;
    private final ChunkFiles files;
    private final Executor io;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong diskBytes = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    /** Files this run creates while the backlog is being listed, so the listing can leave them out. */
    private volatile java.util.Set<Path> createdWhileListing;

    private DiskStore(StorageSettings settings, ChunkFiles files, Executor io) {
        this.root = settings.path();
        this.settings = settings;
        this.files = files;
        this.io = io;
    }

    /**
     * The store at {@code settings.path()}, created when missing.
     *
     * @throws IOException when the folder cannot be created or written to
     */
    static DiskStore open(StorageSettings settings, ChunkFiles files, Executor io) throws IOException {
        Path root = settings.path();
        Files.createDirectories(root);
        if (!Files.isWritable(root)) {
            throw new IOException("storage.path " + root + " is not writable");
        }
        return new DiskStore(settings, files, io);
    }

    Path root() {
        return root;
    }

    StorageSettings settings() {
        return settings;
    }

    /** The folder of {@code instance}'s chunks, created when missing. */
    Path stream(String instance) throws IOException {
        Path dir = root.resolve(instance);
        if (!Files.isDirectory(dir)) {
            Directories.create(dir, settings.sync(), files);
        }
        return dir;
    }

    /** A new chunk file of {@code instance} for {@code tag}; the caller appends to its writer. */
    StoredChunk create(String instance, String tag, long seq) throws IOException {
        java.time.Instant now = java.time.Instant.now();
        Path file = stream(instance).resolve(chunkName(now.getEpochSecond(), now.getNano(), pid, seq));
        java.util.Set<Path> listing = createdWhileListing;
        if (listing != null) {
            listing.add(file);
        }
        ChunkWriter writer = ChunkWriter.create(file, tag, settings.sync(), files);
        diskBytes.addAndGet(writer.size());
        return new StoredChunk(writer);
    }

    /**
     * The name of a chunk file: {@code <sec>.<nsec>-<pid>-<seq>.chunk}, the nanoseconds 9 digits, so names sort by
     * creation time ({@link BacklogIndex} parses it back).
     *
     * @param nano 0 to 999,999,999
     */
    static String chunkName(long seconds, long nano, long pid, long seq) {
        String n = Long.toString(nano);
        return seconds + "." + "000000000".substring(n.length()) + n + "-" + pid + "-" + seq + ".chunk";
    }

    /** Appends one batch to {@code chunk}'s file; returns when the bytes are written (forced, in full mode). */
    void append(StoredChunk chunk, byte[] data, int offset, int length, int records) throws IOException {
        ChunkWriter writer = chunk.writer();
        long before = writer.size();
        try {
            writer.append(data, offset, length, records);
        } catch (IOException e) {
            writeErrors.incrementAndGet();
            throw e;
        }
        long grown = writer.size() - before;
        diskBytes.addAndGet(grown);
        chunk.bytes(writer.size());
    }

    /** Closes the file of a sealed chunk; done marks reopen it. */
    void close(StoredChunk chunk) {
        ChunkWriter writer = chunk.writer();
        io.execute(() -> {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("cannot close chunk file {}: {}", chunk.path(), e.toString());
            }
        });
    }

    /** Records durably that {@code output} is done with {@code chunk}, so a restart does not send it there again. */
    void markDone(StoredChunk chunk, String output) {
        ChunkWriter writer = chunk.writer();
        io.execute(() -> {
            long before = writer.size();
            try {
                writer.markDone(output);
                diskBytes.addAndGet(writer.size() - before);
            } catch (IOException e) {
                LOG.warn("cannot record in {} that output {} is done with it: {} (a restart may send it again)",
                        chunk.path(), output, e.toString());
            }
        });
    }

    /**
     * Deletes a chunk's file once every route is done with it. The bytes counted for it are its writer's size: what
     * creating, appending and marking it added (a failed write's bytes that could not be cut off were never counted).
     */
    void delete(StoredChunk chunk) {
        ChunkWriter writer = chunk.writer();
        io.execute(() -> {
            try {
                long size = writer.size();
                writer.delete();
                diskBytes.addAndGet(-size);
            } catch (IOException e) {
                LOG.warn("cannot delete delivered chunk file {}: {} (a restart may send it again)", chunk.path(),
                        e.toString());
            }
        });
    }

    /** Counts a file whose frames failed their checksum: data was lost, and a copy is kept in quarantine. */
    void damaged() {
        corrupt.incrementAndGet();
    }

    /** Moves an unreadable file of {@code stream} to the quarantine folder (or deletes it), on the calling thread. */
    Quarantine.Outcome quarantine(String stream, Path file) throws IOException {
        corrupt.incrementAndGet();
        long size = Files.exists(file) ? Files.size(file) : 0;
        Quarantine.Outcome outcome = new Quarantine(root, settings.deleteIrrecoverable(), settings.sync(), files)
                .put(stream, file);
        diskBytes.addAndGet(-size);
        return outcome;
    }

    /**
     * From now until {@link #listed()}, remembers the files this run creates: the backlog is listed while the inputs
     * already run, and their new files are not backlog.
     */
    void listing() {
        createdWhileListing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    }

    /** Whether this run created {@code file} (while the backlog was being listed). */
    boolean createdThisRun(Path file) {
        java.util.Set<Path> listing = createdWhileListing;
        return listing != null && listing.contains(file);
    }

    /** The backlog is listed: stops remembering new files. */
    void listed() {
        createdWhileListing = null;
    }

    /** Counts bytes of files found on disk at start. */
    void found(long bytes) {
        diskBytes.addAndGet(bytes);
    }

    /** Bytes of the chunk files this store knows of. */
    long diskBytes() {
        return diskBytes.get();
    }

    long corruptChunks() {
        return corrupt.get();
    }

    long writeErrors() {
        return writeErrors.get();
    }
}
