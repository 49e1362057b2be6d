package io.sluice.core.storage;

import static io.sluice.core.storage.ChunkFormat.FLAGS_AT;
import static io.sluice.core.storage.ChunkFormat.HEADER_OVERHEAD;
import static io.sluice.core.storage.ChunkFormat.MAGIC;
import static io.sluice.core.storage.ChunkFormat.TAG_AT;
import static io.sluice.core.storage.ChunkFormat.TAG_LENGTH_AT;
import static io.sluice.core.storage.ChunkFormat.VERSION;
import static io.sluice.core.storage.ChunkFormat.VERSION_AT;
import static io.sluice.core.storage.ChunkFormat.u16;
import static io.sluice.core.storage.ChunkFormat.u32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Chunk headers: the tag and version. {@link ChunkLoader} checks each file's header with {@code parse} before its
 * frames; {@link #read} reads a header alone, a few hundred bytes of the file. Start-up reads no header to index the
 * backlog: its files are listed and ordered by name, and each header is checked when its file is loaded.
 */
public final class ChunkHeaders {

    /** Enough for the header of any tag up to 494 bytes in one read. */
    private static final int FIRST_READ = 512;

    private ChunkHeaders() {
    }

    /**
     * Reads the header of {@code file}. Bad bytes are reported in the result, never thrown; an {@link IOException}
     * means the file could not be read at all (missing, permissions, out of file descriptors).
     */
    public static HeaderRead read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            byte[] b = new byte[(int) Math.min(size, FIRST_READ)];
            int n = readFully(ch, b, 0);
            if (n >= TAG_AT && startsWithMagic(b, n)) {
                int needed = HEADER_OVERHEAD + u16(b, TAG_LENGTH_AT);
                if (needed > n && size >= needed) {
                    byte[] longer = new byte[needed];
                    System.arraycopy(b, 0, longer, 0, n);
                    n = readFully(ch, longer, n);
                    b = longer;
                }
            }
            return parse(b, n);
        }
    }

    /** Reads from the channel's position until {@code b} is full or the file ends; returns the bytes in {@code b}. */
    static int readFully(FileChannel ch, byte[] b, int from) throws IOException {
        return readFully(ch, b, from, b.length);
    }

    /** Reads into {@code b[from, to)} until it is full or the file ends; returns the end of what was read. */
    static int readFully(FileChannel ch, byte[] b, int from, int to) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, from, to - from);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // a file that shrinks under us just ends early
        }
        return buf.position();
    }

    /** Checks the header at the start of {@code b[0, n)}. */
    static HeaderRead parse(byte[] b, int n) {
        if (n == 0) {
            return HeaderRead.failed(ChunkStatus.EMPTY, "empty file");
        }
        if (!startsWithMagic(b, n)) {
            return HeaderRead.failed(ChunkStatus.UNREADABLE, "not a sluice chunk file (no SLUICECK magic)");
        }
        if (n < VERSION_AT + 2) {
            return truncated(n);
        }
        // the version is read before the checksum: a newer version may lay out the rest of the header differently
        int version = u16(b, VERSION_AT);
        if (version > VERSION) {
            return HeaderRead.failed(ChunkStatus.NEWER_VERSION, "chunk format version " + version
                    + " is newer than this sluice reads (" + VERSION + "), or the header is damaged");
        }
        if (n < TAG_AT) {
            return truncated(n);
        }
        int tagLength = u16(b, TAG_LENGTH_AT);
        int length = HEADER_OVERHEAD + tagLength;
        if (n < length) {
            return HeaderRead.failed(ChunkStatus.UNREADABLE, "truncated header: " + n + " of " + length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, TAG_AT + tagLength);
        if (crc.getValue() != u32(b, TAG_AT + tagLength)) {
            return HeaderRead.failed(ChunkStatus.UNREADABLE, "header checksum mismatch");
        }
        if (version == 0) {
            return HeaderRead.failed(ChunkStatus.UNREADABLE, "invalid format version 0");
        }
        String tag = new String(b, TAG_AT, tagLength, StandardCharsets.UTF_8);
        return HeaderRead.ok(new ChunkHeader(version, u16(b, FLAGS_AT), tag, length));
    }

    private static HeaderRead truncated(int n) {
        return HeaderRead.failed(ChunkStatus.UNREADABLE, "truncated header: " + n + " bytes");
    }

    /** Whether {@code b[0, n)} starts with the magic, or is a prefix of it no longer than the file. */
    private static boolean startsWithMagic(byte[] b, int n) {
        for (int i = 0; i < Math.min(n, MAGIC.length); i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
