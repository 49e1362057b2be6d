package io.sluice.distribution.fake;

import java.nio.charset.StandardCharsets;

/** Encodes the frames a server sends: unmasked, never fragmented. */
final class ServerFrames {

    private ServerFrames() {
    }

    static byte[] frame(int opcode, byte[] payload) {
        int length = payload.length;
        int headerLength = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[headerLength + length];
        frame[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (length >> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, headerLength, length);
        return frame;
    }

    /** A close frame with a status code and a reason cut to fit a control frame's 125 bytes. */
    static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int textLength = Math.min(text.length, 123);
        byte[] payload = new byte[2 + textLength];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, textLength);
        return frame(FrameReader.CLOSE, payload);
    }
}
