package io.sluice.core.storage;

import static io.sluice.core.storage.ChunkFormat.BATCH;
import static io.sluice.core.storage.ChunkFormat.ROUTE_DONE;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Writes one chunk file: the header at creation, then one frame per batch, each with a single gathering write and,
 * in {@link SyncMode#FULL}, forced before {@link #append} returns, so a batch may be counted as soon as it returns.
 * A write that fails is cut off again, so the file always ends at a complete frame and the same batch can be
 * appended once the disk has room. After {@link #close()} only done marks may follow: each reopens the file, appends
 * and closes it again, so sealed chunks hold no file descriptor. Thread-safe: calls are serialized on the writer (an
 * uncontended lock is nothing next to a write system call), so an input may append on its thread while done marks,
 * close and delete run on another.
 */
public final class ChunkWriter implements Closeable {

    private final Path file;
    private final String tag;
    private final SyncMode sync;
    private final ChunkFiles files;
    private final CRC32C crc = new CRC32C();
    /** Type, payload length and, for a batch, the record count. */
    private final ByteBuffer prefix = ByteBuffer.allocate(ChunkFormat.FRAME_PREFIX + ChunkFormat.RECORD_COUNT);
    private final ByteBuffer checksum = ByteBuffer.allocate(4);
    private final ByteBuffer[] frame = new ByteBuffer[3];
    /** Open while batches are appended; {@code null} once closed, or after a failure that closed it. */
    private ChunkChannel channel;
    /** Where the last complete frame ends. */
    private long end;
    /** Bytes past {@link #end} may be on disk: a failed write could not be cut off yet. */
    private boolean dirty;
    private boolean closed;
    private long records;
    private int batches;

    private ChunkWriter(Path file, String tag, SyncMode sync, ChunkFiles files, ChunkChannel channel, long end,
                        boolean closed) {
        this.file = file;
        this.tag = tag;
        this.sync = sync;
        this.files = files;
        this.channel = channel;
        this.end = end;
        this.closed = closed;
    }

    /** {@link #create(Path, String, SyncMode, ChunkFiles)} on the real file system. */
    public static ChunkWriter create(Path file, String tag, SyncMode sync) throws IOException {
        return create(file, tag, sync, ChunkFiles.system());
    }

    /**
     * Creates {@code file} (which must not exist; its directory must) with the header for {@code tag}. In FULL mode
     * the header is forced and the directory synced, so the file survives a power loss. If the header cannot be
     * written the file is removed again and the exception thrown.
     *
     * @throws IllegalArgumentException when the tag is over 65,535 UTF-8 bytes
     */
    public static ChunkWriter create(Path file, String tag, SyncMode sync, ChunkFiles files) throws IOException {
        byte[] header = ChunkFormat.header(tag);
        ChunkChannel ch = files.create(file);
        try {
            writeFully(ch, new ByteBuffer[] {ByteBuffer.wrap(header)}, header.length);
            if (sync == SyncMode.FULL) {
                ch.force();
                files.syncDirectory(parent(file));
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch, e);
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException inner) {
                e.addSuppressed(inner);
            }
            throw e;
        }
        return new ChunkWriter(file, tag, sync, files, ch, header.length, false);
    }

    /** {@link #resume(LoadedChunk, SyncMode, ChunkFiles)} on the real file system. */
    public static ChunkWriter resume(LoadedChunk chunk, SyncMode sync) {
        return resume(chunk, sync, ChunkFiles.system());
    }

    /**
     * A closed writer for a chunk read back from disk, to append done marks to (and to delete it). The file is not
     * opened until the first mark; bytes after the chunk's valid length (a torn tail) are cut off then.
     *
     * @throws IllegalArgumentException when the chunk was not readable
     */
    public static ChunkWriter resume(LoadedChunk chunk, SyncMode sync, ChunkFiles files) {
        if (!chunk.status().readable()) {
            throw new IllegalArgumentException("chunk " + chunk.file() + " is not readable: " + chunk.describe());
        }
        ChunkWriter w = new ChunkWriter(chunk.file(), chunk.tag(), sync, files, null, chunk.validLength(), true);
        w.records = chunk.records();
        w.batches = chunk.batches();
        return w;
    }

    /**
     * Appends {@code data[offset, offset+length)} holding {@code records} events as one BATCH frame. When this
     * returns the frame is in the file (NORMAL) or on the device (FULL). When it throws, the file holds exactly the
     * frames it held before (or, if even cutting the failed write off failed, that is retried before the next write),
     * and the same batch may be appended again.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void append(byte[] data, int offset, int length, int records) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (records < 0) {
            throw new IllegalArgumentException("negative record count " + records);
        }
        if (closed) {
            throw new IllegalStateException("chunk file " + file + " is closed; only done marks may follow");
        }
        writeFrame(BATCH, records, data, offset, length);
        this.records += records;
        batches++;
    }

    /**
     * Records that {@code output} has durably finished with this chunk (delivered, or given up on), so that a restart
     * does not send the chunk to it again. Works before and after {@link #close()}; after it the file is reopened for
     * the mark and closed again.
     */
    public synchronized void markDone(String output) throws IOException {
        byte[] name = output.getBytes(StandardCharsets.UTF_8);
        if (!closed) {
            writeFrame(ROUTE_DONE, -1, name, 0, name.length);
            return;
        }
        try {
            writeFrame(ROUTE_DONE, -1, name, 0, name.length);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            channel = null;
            throw e;
        }
        release();
    }

    /**
     * Closes the file; appends are refused afterwards, done marks still work. Each frame was already written (and
     * forced in FULL mode), so closing adds no durability.
     */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        release();
    }

    /** Closes the writer and removes the file; in FULL mode the directory is synced so the removal is durable. */
    public synchronized void delete() throws IOException {
        closed = true;
        ChunkChannel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing left to lose: the file goes anyway
            }
        }
        Files.deleteIfExists(file);
        if (sync == SyncMode.FULL) {
            files.syncDirectory(parent(file));
        }
    }

    /** The file's length up to the end of its last complete frame. */
    public synchronized long size() {
        return end;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The tag in the header. */
    public String tag() {
        return tag;
    }

    /** The records of every batch in the file. */
    public synchronized long records() {
        return records;
    }

    /** The batches in the file. */
    public synchronized int batches() {
        return batches;
    }

    /** Writes one frame: {@code count} &lt; 0 means the frame has no record count. */
    private void writeFrame(byte type, int count, byte[] data, int offset, int length) throws IOException {
        int payload = length + (count >= 0 ? ChunkFormat.RECORD_COUNT : 0);
        if (payload < 0) {
            throw new IllegalArgumentException("frame of " + length + " bytes is too large");
        }
        prefix.clear();
        prefix.put(type).putInt(payload);
        if (count >= 0) {
            prefix.putInt(count);
        }
        prefix.flip();
        crc.reset();
        crc.update(prefix.array(), 0, prefix.limit());
        crc.update(data, offset, length);
        checksum.clear();
        checksum.putInt((int) crc.getValue()).flip();
        frame[0] = prefix;
        frame[1] = ByteBuffer.wrap(data, offset, length);
        frame[2] = checksum;
        long total = (long) prefix.limit() + length + checksum.limit();
        try {
            ChunkChannel ch = channel();
            try {
                writeFully(ch, frame, total);
                if (sync == SyncMode.FULL) {
                    ch.force();
                }
            } catch (IOException | RuntimeException e) {
                dirty = true;
                cutBack(e);
                throw e;
            }
        } finally {
            frame[1] = null; // do not keep the caller's array reachable
        }
        end += total;
    }

    /** The open channel, opening the file again if needed and cutting off what a failed write may have left. */
    private ChunkChannel channel() throws IOException {
        if (channel == null) {
            channel = files.openForAppend(file);
            dirty = true; // whoever had the file last may have left a partial frame
        }
        if (dirty) {
            cutTail(channel);
        }
        return channel;
    }

    private void cutTail(ChunkChannel ch) throws IOException {
        long size = ch.size();
        if (size < end) {
            throw new IOException("chunk file " + file + " is " + size + " bytes, shorter than its " + end
                    + " bytes of complete frames");
        }
        if (size > end) {
            ch.truncate(end);
            if (sync == SyncMode.FULL) {
                ch.force();
            }
        }
        dirty = false;
    }

    /**
     * After a failed write: cuts the file back to {@link #end}, on a fresh channel if the old one is unusable (a
     * write interrupted by {@link Thread#interrupt()} closes it). What cannot be cut now is cut before the next
     * write, which is refused until then: a frame appended after a partial one would be lost with it.
     */
    private void cutBack(Exception failure) {
        try {
            cutTail(channel);
            return;
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        closeQuietly(channel, failure);
        channel = null;
        try {
            channel = files.openForAppend(file);
            cutTail(channel);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            closeQuietly(channel, failure);
            channel = null;
        }
    }

    /** Closes the channel, first cutting off what a failed write left if it could not be cut then. */
    private void release() throws IOException {
        ChunkChannel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                if (dirty) {
                    cutTail(ch);
                }
            } finally {
                ch.close();
            }
        }
    }

    private static void writeFully(ChunkChannel ch, ByteBuffer[] buffers, long total) throws IOException {
        long left = total;
        while (left > 0) {
            long n = ch.write(buffers);
            if (n <= 0) {
                // a blocking file write that writes nothing would otherwise loop forever
                throw new IOException("write made no progress with " + left + " bytes left");
            }
            left -= n;
        }
    }

    private static void closeQuietly(ChunkChannel ch, Exception failure) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    static Path parent(Path file) {
        return file.toAbsolutePath().getParent();
    }
}
