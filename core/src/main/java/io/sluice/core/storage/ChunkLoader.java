package io.sluice.core.storage;

import static io.sluice.core.storage.ChunkFormat.BATCH;
import static io.sluice.core.storage.ChunkFormat.FRAME_OVERHEAD;
import static io.sluice.core.storage.ChunkFormat.FRAME_PREFIX;
import static io.sluice.core.storage.ChunkFormat.RECORD_COUNT;
import static io.sluice.core.storage.ChunkFormat.ROUTE_DONE;
import static io.sluice.core.storage.ChunkFormat.u32;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads a whole chunk file back: the events of every valid BATCH frame, the outputs marked done, and what was lost.
 * Bad bytes never make it throw: a torn tail is cut, a frame whose checksum fails is skipped, and when a frame's
 * length cannot be trusted the reader looks for the next valid frame (a CRC32C over type, length and payload makes a
 * false match a one-in-four-billion event) before giving up on the rest of the file.
 */
public final class ChunkLoader {

    /** The default limit on the size of a file to load. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** The most CRC work spent looking for the next valid frame after a damaged one, so garbage stays linear. */
    static final long RESYNC_BUDGET_BYTES = 64L << 20;

    private static final int TOO_SHORT = -1;
    private static final int DOES_NOT_FIT = -2;
    private static final int BAD_CHECKSUM = -3;

    private ChunkLoader() {
    }

    /** {@link #load(Path, long)} with {@link #DEFAULT_MAX_BYTES}. */
    public static LoadedChunk load(Path file) throws IOException {
        return load(file, DEFAULT_MAX_BYTES);
    }

    /**
     * Reads {@code file}, unless it is larger than {@code maxBytes} ({@link ChunkStatus#TOO_LARGE}). Bad bytes are
     * reported in the result; an {@link IOException} means the file could not be read at all (missing, permissions,
     * out of file descriptors, an I/O error).
     */
    public static LoadedChunk load(Path file, long maxBytes) throws IOException {
        return load(file, maxBytes, byte[]::new);
    }

    /**
     * As {@link #load(Path, long)}, reading into an array of at least the file's size from {@code buffers} (a pool);
     * the result's {@link LoadedChunk#events()} is that array.
     */
    public static LoadedChunk load(Path file, long maxBytes, java.util.function.IntFunction<byte[]> buffers)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Math.min(maxBytes, Integer.MAX_VALUE - 64)) {
                return LoadedChunk.notRead(file, ChunkStatus.TOO_LARGE, "file of " + size
                        + " bytes is larger than the limit of " + Math.min(maxBytes, Integer.MAX_VALUE - 64), size);
            }
            byte[] bytes = buffers.apply((int) size);
            int n = ChunkHeaders.readFully(ch, bytes, 0, (int) size);
            return parse(file, bytes, n);
        }
    }

    /**
     * Reads the chunk in {@code b[0, n)}; compacts the events in place, so {@code b} is the result's event array and
     * its other bytes are destroyed.
     */
    static LoadedChunk parse(Path file, byte[] b, int n) {
        HeaderRead head = ChunkHeaders.parse(b, n);
        if (!head.ok()) {
            return LoadedChunk.notRead(file, head.status(), head.problem(), n);
        }
        Frames f = new Frames(b, n);
        int p = head.header().length();
        int validEnd = p;
        int w = 0;
        long records = 0;
        int batches = 0;
        int frames = 0;
        Set<String> done = new LinkedHashSet<>();
        long torn = 0;
        int corruptFrames = 0;
        long corruptBytes = 0;
        while (p < n) {
            int r = f.check(p);
            if (r > 0) {
                byte type = b[p];
                int payload = r - FRAME_OVERHEAD;
                if (type == BATCH && payload < RECORD_COUNT) {
                    // a checksum-valid batch too short for its record count: a writer bug, not a torn write
                    corruptFrames++;
                    corruptBytes += r;
                    p += r;
                    continue;
                }
                if (type == BATCH) {
                    records += u32(b, p + FRAME_PREFIX);
                    int len = payload - RECORD_COUNT;
                    // moving left within the array: everything before p has been read already
                    System.arraycopy(b, p + FRAME_PREFIX + RECORD_COUNT, b, w, len);
                    w += len;
                    batches++;
                } else if (type == ROUTE_DONE) {
                    done.add(new String(b, p + FRAME_PREFIX, payload, StandardCharsets.UTF_8));
                }
                // other types with a valid checksum come from a newer writer that old readers may skip
                frames++;
                p += r;
                validEnd = p;
                continue;
            }
            int end = r == BAD_CHECKSUM ? p + FRAME_OVERHEAD + f.length(p) : -1;
            if (r == BAD_CHECKSUM && (end == n || f.check(end) > 0)) {
                // the length led to a valid frame or to the end: only this frame's payload is bad
                corruptFrames++;
                corruptBytes += end - p;
                p = end;
                continue;
            }
            int next = f.nextValidFrame(p + 1);
            if (next > 0) {
                // the length field itself was damaged; resume at the next frame that checks out
                corruptFrames++;
                corruptBytes += next - p;
                p = next;
                continue;
            }
            int after = r == BAD_CHECKSUM ? f.check(end) : 0;
            if (r != BAD_CHECKSUM) {
                // an incomplete last frame: the process died in the middle of writing it
                torn = n - p;
            } else if (after == TOO_SHORT || after == DOES_NOT_FIT) {
                corruptFrames++;
                corruptBytes += end - p;
                torn = n - end;
            } else {
                corruptFrames++;
                corruptBytes += n - p;
            }
            break;
        }
        ChunkDamage damage = torn == 0 && corruptFrames == 0 ? ChunkDamage.NONE
                : new ChunkDamage(torn, corruptFrames, corruptBytes);
        return new LoadedChunk(file, damage.none() ? ChunkStatus.OK : ChunkStatus.DAMAGED, null, head.header(), b, w,
                records, batches, frames, Collections.unmodifiableSet(done), validEnd, n, damage);
    }

    /** Frame checks over one file's bytes. */
    private static final class Frames {

        private final byte[] b;
        private final int n;
        private final CRC32C crc = new CRC32C();
        private long resyncBudget = RESYNC_BUDGET_BYTES;

        Frames(byte[] b, int n) {
            this.b = b;
            this.n = n;
        }

        /** The payload length declared at {@code p}. */
        int length(int p) {
            return (int) u32(b, p + 1);
        }

        /**
         * The whole length of the valid frame at {@code p}; or {@link #TOO_SHORT} when fewer bytes than a frame's
         * prefix and CRC remain, {@link #DOES_NOT_FIT} when its declared length runs past the end, or
         * {@link #BAD_CHECKSUM}.
         */
        int check(int p) {
            if (n - p < FRAME_OVERHEAD) {
                return TOO_SHORT;
            }
            long len = u32(b, p + 1);
            if (len > n - p - FRAME_OVERHEAD) {
                return DOES_NOT_FIT;
            }
            int payloadEnd = p + FRAME_PREFIX + (int) len;
            crc.reset();
            crc.update(b, p, FRAME_PREFIX + (int) len);
            return crc.getValue() == u32(b, payloadEnd) ? (int) len + FRAME_OVERHEAD : BAD_CHECKSUM;
        }

        /**
         * The first offset from {@code from} where a BATCH or ROUTE_DONE frame checks out, or -1. Only known types
         * and lengths that fit are checksummed, and at most {@link #RESYNC_BUDGET_BYTES} in all.
         */
        int nextValidFrame(int from) {
            for (int q = from; q <= n - FRAME_OVERHEAD; q++) {
                byte type = b[q];
                if (type != BATCH && type != ROUTE_DONE) {
                    continue;
                }
                long len = u32(b, q + 1);
                if (len > n - q - FRAME_OVERHEAD || type == BATCH && len < RECORD_COUNT) {
                    continue;
                }
                resyncBudget -= FRAME_PREFIX + len;
                if (resyncBudget < 0) {
                    return -1;
                }
                if (check(q) > 0) {
                    return q;
                }
            }
            return -1;
        }
    }
}
