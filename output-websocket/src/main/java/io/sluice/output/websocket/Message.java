package io.sluice.output.websocket;

import java.nio.ByteBuffer;
import org.java_websocket.framing.BinaryFrame;
import org.java_websocket.framing.DataFrame;
import org.java_websocket.framing.TextFrame;

/**
 * One WebSocket message to send: a view of bytes owned by someone else (the chunk or a formatter's buffer), whether it
 * goes out as a text frame (JSON, valid UTF-8) or a binary frame (msgpack), and which records of the chunk it carries.
 *
 * @param text        a text frame (JSON) rather than a binary one (msgpack)
 * @param data        the array holding the payload
 * @param offset      where the payload starts in {@code data}
 * @param length      the payload's length in bytes
 * @param firstRecord the index in the chunk of the first record it carries
 * @param endRecord   the index after its last record
 * @param probe       a single record larger than the message size learned from the server's 1009 closes: it is sent
 *                    on its own, everything before it confirmed, so that a refusal is known to be its own
 */
record Message(boolean text, byte[] data, int offset, int length, int firstRecord, int endRecord, boolean probe) {

    /** The single, unfragmented frame carrying this message, masked as a client must. */
    DataFrame toFrame() {
        DataFrame frame = text ? new TextFrame() : new BinaryFrame();
        frame.setPayload(ByteBuffer.wrap(data, offset, length));
        frame.setFin(true);
        frame.setTransferemasked(true);
        return frame;
    }

    /** How many records it carries. */
    int records() {
        return endRecord - firstRecord;
    }
}
