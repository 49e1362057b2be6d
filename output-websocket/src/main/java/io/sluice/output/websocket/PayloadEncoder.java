package io.sluice.output.websocket;

import io.sluice.api.event.EventChunk;
import io.sluice.api.format.Format;
import io.sluice.api.format.FormatOptions;
import java.util.List;

/** Turns a chunk into the messages of one flush. One per worker: it reuses its buffers and is not thread-safe. */
final class PayloadEncoder {

    private final FormatOptions options;

    PayloadEncoder(FormatOptions options, boolean perRecord) {
        if (options.format() != Format.MSGPACK || perRecord) {
            throw new IllegalArgumentException("format " + options.format().optionValue() + " is not available yet");
        }
        this.options = options;
    }

    /** The messages for {@code chunk}; msgpack sends the chunk's own bytes, never a modified copy. */
    List<Message> encode(EventChunk chunk) {
        return List.of(new Message(options.format().isText(), chunk.data(), chunk.offset(), chunk.length()));
    }
}
