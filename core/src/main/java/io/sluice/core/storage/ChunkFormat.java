package io.sluice.core.storage;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Byte layout of a chunk file, shared by the writer and the readers; {@code package-info} describes it. */
final class ChunkFormat {

    static final byte[] MAGIC = "SLUICECK".getBytes(StandardCharsets.US_ASCII);
    /** The format version this code writes and the highest it reads. */
    static final int VERSION = 1;
    static final int VERSION_AT = 8;
    static final int FLAGS_AT = 10;
    static final int TAG_LENGTH_AT = 12;
    static final int TAG_AT = 14;
    /** Header bytes besides the tag: magic, version, flags, tag length and the header CRC. */
    static final int HEADER_OVERHEAD = TAG_AT + 4;
    static final int MAX_TAG_BYTES = 0xFFFF;

    static final byte BATCH = 1;
    static final byte ROUTE_DONE = 2;
    /** Type and payload length. */
    static final int FRAME_PREFIX = 5;
    /** Type, payload length and CRC. */
    static final int FRAME_OVERHEAD = FRAME_PREFIX + 4;
    /** The record count that opens a BATCH payload. */
    static final int RECORD_COUNT = 4;

    private ChunkFormat() {
    }

    /** The header for {@code tag}; a tag over 65,535 UTF-8 bytes is an {@link IllegalArgumentException}. */
    static byte[] header(String tag) {
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        if (t.length > MAX_TAG_BYTES) {
            throw new IllegalArgumentException("tag of " + t.length + " bytes is longer than a chunk header holds ("
                    + MAX_TAG_BYTES + ")");
        }
        byte[] h = new byte[HEADER_OVERHEAD + t.length];
        System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
        putU16(h, VERSION_AT, VERSION);
        putU16(h, FLAGS_AT, 0);
        putU16(h, TAG_LENGTH_AT, t.length);
        System.arraycopy(t, 0, h, TAG_AT, t.length);
        CRC32C crc = new CRC32C();
        crc.update(h, 0, TAG_AT + t.length);
        putU32(h, TAG_AT + t.length, crc.getValue());
        return h;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void putU32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
