package io.sluice.distribution.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * The frames of an intact chunk file, read the way the format is documented (core's storage package-info) and
 * independently of core's reader, so a test knows which records a damage takes away: header (magic
 * {@code SLUICECK}, version u16, flags u16, tag length u16, tag, CRC32C u32), then frames (type u8, length u32,
 * payload, CRC32C u32 of type, length and payload); a BATCH payload is a record count u32 and msgpack events.
 */
final class ChunkFrames {

    static final int BATCH = 1;
    static final int ROUTE_DONE = 2;
    private static final byte[] MAGIC = "SLUICECK".getBytes(StandardCharsets.US_ASCII);
    private static final Value SEQ = ValueFactory.newString("seq");

    /**
     * One frame.
     *
     * @param type    1 BATCH, 2 ROUTE_DONE
     * @param offset  where the frame starts in the file
     * @param length  the whole frame: type, length, payload and CRC
     * @param records a batch's record count
     * @param seqs    the {@code seq} field of each of a batch's events, in order
     */
    record Frame(int type, int offset, int length, long records, List<Long> seqs) {

        /** The first byte of the events (after type, length and record count). */
        int eventsStart() {
            return offset + 9;
        }

        int end() {
            return offset + length;
        }
    }

    private ChunkFrames() {
    }

    /** Every frame of {@code file}; fails unless the header and every frame are intact up to the end of the file. */
    static List<Frame> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < 18 || !Arrays.equals(Arrays.copyOf(b, MAGIC.length), MAGIC)) {
            throw new AssertionError(file + " does not start with a chunk header");
        }
        int tagLength = u16(b, 12);
        int headerEnd = 14 + tagLength;
        if (crc(b, 0, headerEnd) != u32(b, headerEnd)) {
            throw new AssertionError(file + ": header checksum does not match");
        }
        List<Frame> frames = new ArrayList<>();
        int p = headerEnd + 4;
        while (p < b.length) {
            if (b.length - p < 9) {
                throw new AssertionError(file + ": " + (b.length - p) + " bytes after the last frame");
            }
            int type = b[p] & 0xff;
            long length = u32(b, p + 1);
            if (length > b.length - p - 9) {
                throw new AssertionError(file + ": frame at " + p + " runs past the end");
            }
            int payloadEnd = p + 5 + (int) length;
            if (crc(b, p, 5 + (int) length) != u32(b, payloadEnd)) {
                throw new AssertionError(file + ": frame at " + p + " fails its checksum");
            }
            long records = 0;
            List<Long> seqs = List.of();
            if (type == BATCH) {
                records = u32(b, p + 5);
                seqs = seqs(b, p + 9, payloadEnd);
                if (seqs.size() != records) {
                    throw new AssertionError(file + ": batch at " + p + " says " + records + " records, holds "
                            + seqs.size() + " events");
                }
            }
            frames.add(new Frame(type, p, (int) length + 9, records, seqs));
            p = payloadEnd + 4;
        }
        return frames;
    }

    /** The batch frames of {@code file}. */
    static List<Frame> batches(Path file) throws IOException {
        return read(file).stream().filter(f -> f.type() == BATCH).toList();
    }

    /** The {@code seq} of every event in {@code b[from, to)}: Fluent Bit events, {@code [[time, meta], record]}. */
    private static List<Long> seqs(byte[] b, int from, int to) throws IOException {
        List<Long> seqs = new ArrayList<>();
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(b, from, to - from)) {
            while (in.hasNext()) {
                Value event = in.unpackValue();
                Value seq = event.asArrayValue().get(1).asMapValue().map().get(SEQ);
                seqs.add(seq == null ? -1 : seq.asIntegerValue().toLong());
            }
        }
        return seqs;
    }

    private static long crc(byte[] b, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, from, length);
        return crc.getValue();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
