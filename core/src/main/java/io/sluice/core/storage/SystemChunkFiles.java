package io.sluice.core.storage;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/** {@link ChunkFiles} on the real file system: {@link FileChannel}s in append mode, chunk files mode 0600. */
final class SystemChunkFiles implements ChunkFiles {

    static final SystemChunkFiles INSTANCE = new SystemChunkFiles();

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    // Windows cannot open a directory as a channel; there, NTFS metadata journaling is all there is
    private static final boolean CAN_SYNC_DIRECTORIES = File.separatorChar == '/';
    private static final FileAttribute<?>[] PRIVATE = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];

    private SystemChunkFiles() {
    }

    @Override
    public ChunkChannel create(Path file) throws IOException {
        return new Channel(FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PRIVATE));
    }

    @Override
    public ChunkChannel openForAppend(Path file) throws IOException {
        return new Channel(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        if (CAN_SYNC_DIRECTORIES) {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }

    /** A {@link FileChannel} as a {@link ChunkChannel}. */
    private static final class Channel implements ChunkChannel {

        private final FileChannel channel;

        Channel(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long write(ByteBuffer[] sources) throws IOException {
            return channel.write(sources);
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
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
