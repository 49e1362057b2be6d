package io.sluice.output.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.java_websocket.extensions.DefaultExtension;
import org.java_websocket.framing.FramedataImpl1;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;

/**
 * RFC 6455 as the library implements it, except that masked data frames are built here: the library masks one byte
 * at a time through ByteBuffer calls into a new array of the whole message, which costs more CPU than everything
 * else on the send path and most of the process's garbage; this copies and masks eight bytes per step into the
 * session's reused {@link FrameBuffer}. Control frames and anything unmasked still go through the library. One
 * instance per session (the library's client uses the draft it is given, without a copy).
 */
final class FastMaskingDraft extends Draft_6455 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** XOR works byte by byte, so masking reads and writes in the machine's order: no byte swap per step. */
    private static final VarHandle NATIVE_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int maxFrameSize;
    private final FrameBuffer frames = new FrameBuffer();
    private volatile IntConsumer closeListener;

    FastMaskingDraft(List<IExtension> extensions, int maxFrameSize) {
        super(extensions, maxFrameSize);
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public Draft copyInstance() {
        // the library copies its draft per connection; without this the copy would be a plain Draft_6455
        List<IExtension> extensions = new ArrayList<>();
        for (IExtension e : getKnownExtensions()) {
            extensions.add(e.copyInstance());
        }
        return new FastMaskingDraft(extensions, maxFrameSize);
    }

    /**
     * Calls {@code listener} with the status of the peer's Close frame as soon as one is read, before the library
     * acts on it or on any frame read with it: it answers a Close at once and would send everything still queued
     * first.
     */
    void onCloseFrame(IntConsumer listener) {
        closeListener = listener;
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        List<Framedata> read = super.translateFrame(buffer);
        IntConsumer listener = closeListener;
        if (listener != null) {
            for (Framedata f : read) {
                if (f.getOpcode() == Opcode.CLOSING) {
                    listener.accept(f instanceof CloseFrame c ? c.getCloseCode() : CloseFrame.NOCODE);
                    break;
                }
            }
        }
        return read;
    }

    /**
     * Every data frame built so far has been written to the socket (the library's write thread took something
     * queued after it): the frame array may be reused.
     */
    void framesWritten() {
        frames.giveBack();
    }

    /** How many data frames were framed into the kept array rather than a new one. */
    long framesInReusedArray() {
        return frames.reuses();
    }

    @Override
    public ByteBuffer createBinaryFrame(Framedata frame) {
        Opcode opcode = frame.getOpcode();
        if (!frame.getTransfereMasked()
                || opcode != Opcode.TEXT && opcode != Opcode.BINARY && opcode != Opcode.CONTINUOUS) {
            return super.createBinaryFrame(frame);
        }
        if (getExtension().getClass() != DefaultExtension.class) {
            // every real extension (permessage-deflate) extends DefaultExtension, hence the exact class test
            exactPayload(frame);
        }
        getExtension().encodeFrame(frame);
        ByteBuffer payload = frame.getPayloadData();
        int length = payload.remaining();
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        int frameLength = 2 + lengthBytes + 4 + length;
        byte[] out = frames.lend(frameLength);
        out[0] = (byte) ((frame.isFin() ? 0x80 : 0) | (frame.isRSV1() ? 0x40 : 0) | (frame.isRSV2() ? 0x20 : 0)
                | (frame.isRSV3() ? 0x10 : 0) | code(opcode));
        int pos = 2;
        if (lengthBytes == 0) {
            out[1] = (byte) (0x80 | length);
        } else if (lengthBytes == 2) {
            out[1] = (byte) (0x80 | 126);
            out[2] = (byte) (length >>> 8);
            out[3] = (byte) length;
            pos = 4;
        } else {
            out[1] = (byte) (0x80 | 127);
            LONGS.set(out, 2, (long) length);
            pos = 10;
        }
        int mask = RANDOM.nextInt();
        out[pos] = (byte) (mask >>> 24);
        out[pos + 1] = (byte) (mask >>> 16);
        out[pos + 2] = (byte) (mask >>> 8);
        out[pos + 3] = (byte) mask;
        pos += 4;
        if (payload.hasArray()) {
            maskCopy(payload.array(), payload.arrayOffset() + payload.position(), out, pos, length, mask);
        } else {
            payload.duplicate().get(out, pos, length);
            mask(out, pos, length, mask);
        }
        // the library's write thread writes array()[0, limit()), so the frame starts at index 0
        return ByteBuffer.wrap(out, 0, frameLength);
    }

    /**
     * Gives the frame a payload array of exactly its bytes. Java-WebSocket 1.6.0's permessage-deflate compresses
     * {@code payload.array()} whole, ignoring offset and limit, so a payload that is a slice of a larger array (a
     * chunk in a pooled array, a message in a reused buffer) would send the bytes around it too.
     */
    private static void exactPayload(Framedata frame) {
        ByteBuffer payload = frame.getPayloadData();
        if (payload.hasArray() && payload.arrayOffset() + payload.position() == 0
                && payload.remaining() == payload.array().length) {
            return;
        }
        byte[] exact = new byte[payload.remaining()];
        payload.duplicate().get(exact);
        ((FramedataImpl1) frame).setPayload(ByteBuffer.wrap(exact));
    }

    /**
     * Writes {@code src[from, from+length)} XORed with the 4-byte key {@code mask} to {@code out[to, to+length)}:
     * copy and mask in one pass over the bytes.
     */
    static void maskCopy(byte[] src, int from, byte[] out, int to, int length, int mask) {
        long mask64 = nativeMask(mask);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            NATIVE_LONGS.set(out, to + i, (long) NATIVE_LONGS.get(src, from + i) ^ mask64);
        }
        for (; i < length; i++) {
            out[to + i] = (byte) (src[from + i] ^ (byte) (mask >>> (24 - 8 * (i & 3))));
        }
    }

    /** XORs {@code out[from, from+length)} with the 4-byte key {@code mask}, repeated from the first byte. */
    static void mask(byte[] out, int from, int length, int mask) {
        long mask64 = nativeMask(mask);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            NATIVE_LONGS.set(out, from + i, (long) NATIVE_LONGS.get(out, from + i) ^ mask64);
        }
        for (; i < length; i++) {
            out[from + i] ^= (byte) (mask >>> (24 - 8 * (i & 3)));
        }
    }

    /** The key's four bytes twice, as a long read from memory in the machine's byte order would hold them. */
    private static long nativeMask(int mask) {
        long bigEndian = (mask & 0xFFFFFFFFL) << 32 | (mask & 0xFFFFFFFFL);
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? bigEndian : Long.reverseBytes(bigEndian);
    }

    private static int code(Opcode opcode) {
        return switch (opcode) {
            case CONTINUOUS -> 0x0;
            case TEXT -> 0x1;
            case BINARY -> 0x2;
            default -> throw new IllegalArgumentException("not a data frame: " + opcode);
        };
    }
}
