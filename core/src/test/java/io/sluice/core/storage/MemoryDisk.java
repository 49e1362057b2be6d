package io.sluice.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Chunk files in memory, for tests that write thousands of chunks and only want their bytes. */
public final class MemoryDisk implements ChunkFiles {

    private final Map<Path, Content> files = new HashMap<>();

    /** The bytes of {@code file}. */
    public synchronized byte[] bytes(Path file) {
        Content c = files.get(file);
        return Arrays.copyOf(c.bytes, c.size);
    }

    @Override
    public synchronized ChunkChannel create(Path file) throws IOException {
        if (files.containsKey(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Content c = new Content();
        files.put(file, c);
        return c;
    }

    @Override
    public synchronized ChunkChannel openForAppend(Path file) throws IOException {
        Content c = files.get(file);
        if (c == null) {
            throw new NoSuchFileException(file.toString());
        }
        return c;
    }

    @Override
    public void syncDirectory(Path directory) {
    }

    private static final class Content implements ChunkChannel {

        private byte[] bytes = new byte[256];
        private int size;

        @Override
        public synchronized long write(ByteBuffer[] sources) {
            long n = 0;
            for (ByteBuffer b : sources) {
                int len = b.remaining();
                if (size + len > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(size + len, bytes.length * 2));
                }
                b.get(bytes, size, len);
                size += len;
                n += len;
            }
            return n;
        }

        @Override
        public void force() {
        }

        @Override
        public synchronized void truncate(long newSize) {
            size = (int) Math.min(size, newSize);
        }

        @Override
        public synchronized long size() {
            return size;
        }

        @Override
        public void close() {
        }
    }
}
