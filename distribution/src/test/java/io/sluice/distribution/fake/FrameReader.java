package io.sluice.distribution.fake;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads RFC 6455 frames from a client: headers and (unmasked) payloads, one frame at a time. */
final class FrameReader {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** One frame's header; {@code mask} is null when the client did not mask. */
    record Header(boolean fin, int rsv, int opcode, long length, byte[] mask) {

        boolean masked() {
            return mask != null;
        }

        boolean control() {
            return (opcode & 0x8) != 0;
        }

        boolean data() {
            return opcode == CONTINUATION || opcode == TEXT || opcode == BINARY;
        }
    }

    private final InputStream in;

    FrameReader(InputStream in) {
        this.in = in;
    }

    /** The next frame's header, or null on a clean end of stream between frames. */
    Header readHeader() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = readByte();
        boolean fin = (b0 & 0x80) != 0;
        int rsv = (b0 >> 4) & 0x7;
        int opcode = b0 & 0x0F;
        long length = b1 & 0x7F;
        if (length == 126) {
            length = ((long) readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
            if (length < 0) {
                throw new IOException("frame length has its most significant bit set");
            }
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            mask = new byte[4];
            readFully(mask, 0, 4);
        }
        return new Header(fin, rsv, opcode, length, mask);
    }

    /** Reads the whole payload of {@code header} into {@code dst} at {@code offset}, unmasked. */
    void readPayload(Header header, byte[] dst, int offset) throws IOException {
        int length = (int) header.length();
        readFully(dst, offset, length);
        byte[] mask = header.mask();
        if (mask != null) {
            for (int i = 0; i < length; i++) {
                dst[offset + i] ^= mask[i & 3];
            }
        }
    }

    /** Reads and throws away {@code count} bytes. */
    void skip(long count) throws IOException {
        byte[] scratch = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            left -= n;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame header");
        }
        return b;
    }

    private void readFully(byte[] dst, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(dst, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame payload");
            }
            done += n;
        }
    }
}
