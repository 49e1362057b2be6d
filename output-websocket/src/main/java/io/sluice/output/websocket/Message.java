package io.sluice.output.websocket;

import java.nio.ByteBuffer;
import org.java_websocket.framing.BinaryFrame;
import org.java_websocket.framing.DataFrame;
import org.java_websocket.framing.TextFrame;

/**
 * One WebSocket message to send: a view of bytes owned by someone else (the chunk or a formatter's buffer), and
 * whether it goes out as a text frame (JSON, valid UTF-8) or a binary frame (msgpack).
 */
record Message(boolean text, byte[] data, int offset, int length) {

    /** The single, unfragmented frame carrying this message, masked by the library as a client must. */
    DataFrame toFrame() {
        DataFrame frame = text ? new TextFrame() : new BinaryFrame();
        frame.setPayload(ByteBuffer.wrap(data, offset, length));
        frame.setFin(true);
        frame.setTransferemasked(true);
        return frame;
    }
}
