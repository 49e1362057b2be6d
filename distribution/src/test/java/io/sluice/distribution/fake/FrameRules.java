package io.sluice.distribution.fake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The RFC 6455 rules a server checks on what a client sends. */
final class FrameRules {

    private FrameRules() {
    }

    /** A broken rule: the close status to fail the connection with, and why. */
    record Violation(int code, String reason) {
    }

    /** The rule {@code h} breaks at this point of the stream, or null. */
    static Violation violation(FrameReader.Header h, int messageOpcode, int bufferedBytes, int maxMessageBytes) {
        if (!h.masked()) {
            return new Violation(1002, "client frames must be masked");
        }
        if (h.rsv() != 0) {
            return new Violation(1002, "reserved bits set without a negotiated extension");
        }
        if (h.control()) {
            if (h.opcode() != FrameReader.CLOSE && h.opcode() != FrameReader.PING && h.opcode() != FrameReader.PONG) {
                return new Violation(1002, "unknown control opcode " + h.opcode());
            }
            boolean whole = h.fin() && h.length() <= 125;
            return whole ? null : new Violation(1002, "control frames must be whole and at most 125 bytes");
        }
        if (!h.data()) {
            return new Violation(1002, "unknown opcode " + h.opcode());
        }
        if (h.opcode() == FrameReader.CONTINUATION && messageOpcode < 0) {
            return new Violation(1002, "continuation frame without a message to continue");
        }
        if (h.opcode() != FrameReader.CONTINUATION && messageOpcode >= 0) {
            return new Violation(1002, "new message started before the previous one ended");
        }
        boolean fits = bufferedBytes + h.length() <= maxMessageBytes;
        return fits ? null : new Violation(1009, "message larger than the server's limit");
    }

    static boolean validUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
