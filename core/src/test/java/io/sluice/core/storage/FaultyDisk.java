package io.sluice.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real disk with faults on request, for tests of what a full or failing disk does: a free-space budget (a write
 * that needs more is cut short there, as {@code write(2)} does, and the next one fails with "No space left on
 * device"; truncating gives the space back), failing forces and truncates; it counts forces and directory syncs.
 */
public final class FaultyDisk implements ChunkFiles {

    /** The message of the injected disk-full error, as the JDK reports ENOSPC. */
    public static final String NO_SPACE = "No space left on device";

    private final ChunkFiles real = ChunkFiles.system();
    private final AtomicInteger forces = new AtomicInteger();
    private final List<Path> syncedDirectories = new CopyOnWriteArrayList<>();
    private long free = Long.MAX_VALUE;
    private boolean failForce;
    private boolean failTruncate;

    /** From now on only {@code bytes} more may be written, over all files, until {@link #clear()}. */
    public synchronized FaultyDisk free(long bytes) {
        free = bytes;
        return this;
    }

    /** Whether every force fails with an I/O error. */
    public synchronized FaultyDisk failForce(boolean fail) {
        failForce = fail;
        return this;
    }

    /** Whether every truncate fails with an I/O error. */
    public synchronized FaultyDisk failTruncate(boolean fail) {
        failTruncate = fail;
        return this;
    }

    /** Removes every fault: unlimited space, forces and truncates work. */
    public synchronized FaultyDisk clear() {
        free = Long.MAX_VALUE;
        failForce = false;
        failTruncate = false;
        return this;
    }

    /** Forces done so far, on any file. */
    public int forces() {
        return forces.get();
    }

    /** Directories synced so far, in order. */
    public List<Path> syncedDirectories() {
        return List.copyOf(syncedDirectories);
    }

    @Override
    public ChunkChannel create(Path file) throws IOException {
        return new Channel(real.create(file));
    }

    @Override
    public ChunkChannel openForAppend(Path file) throws IOException {
        return new Channel(real.openForAppend(file));
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        syncedDirectories.add(directory.toAbsolutePath());
        real.syncDirectory(directory);
    }

    private final class Channel implements ChunkChannel {

        private final ChunkChannel channel;

        Channel(ChunkChannel channel) {
            this.channel = channel;
        }

        @Override
        public long write(ByteBuffer[] sources) throws IOException {
            long wanted = 0;
            for (ByteBuffer b : sources) {
                wanted += b.remaining();
            }
            synchronized (FaultyDisk.this) {
                if (wanted <= free) {
                    long n = channel.write(sources);
                    free = free == Long.MAX_VALUE ? free : free - n;
                    return n;
                }
                if (free <= 0) {
                    throw new IOException(NO_SPACE);
                }
                // a short write up to the space left, as the kernel does; the caller's next write fails
                ByteBuffer part = ByteBuffer.allocate((int) free);
                for (ByteBuffer b : sources) {
                    while (b.hasRemaining() && part.hasRemaining()) {
                        part.put(b.get());
                    }
                }
                part.flip();
                long n = channel.write(new ByteBuffer[] {part});
                free -= n;
                return n;
            }
        }

        @Override
        public void force() throws IOException {
            synchronized (FaultyDisk.this) {
                if (failForce) {
                    throw new IOException("Input/output error (injected force failure)");
                }
            }
            forces.incrementAndGet();
            channel.force();
        }

        @Override
        public void truncate(long size) throws IOException {
            synchronized (FaultyDisk.this) {
                if (failTruncate) {
                    throw new IOException("Input/output error (injected truncate failure)");
                }
                long before = channel.size();
                channel.truncate(size);
                if (free != Long.MAX_VALUE && before > size) {
                    free += before - size;
                }
            }
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
