package io.sluice.output.websocket;

import io.sluice.api.EventChunk;
import io.sluice.support.ByteSink;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatException;
import io.sluice.support.format.FormatOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a chunk into the messages of one flush: one message per chunk, or one per record. JSON formats go out as
 * text frames, msgpack as binary frames. One per worker: it reuses its buffer and is not thread-safe, and the
 * messages it returns are valid until its next call.
 */
final class PayloadEncoder {

    private final EventFormatter formatter;
    private final boolean text;
    private final boolean perRecord;
    private final ByteSink buffer = new ByteSink(64 * 1024);
    private final ByteSink scratch = new ByteSink(1024);

    PayloadEncoder(FormatOptions options, boolean perRecord) {
        this.formatter = new EventFormatter(options);
        this.text = options.format().isText();
        this.perRecord = perRecord;
    }

    /**
     * The messages for {@code chunk}. msgpack sends the chunk's own bytes (never a modified copy); every record is
     * formatted before anything is sent, so a record that cannot be formatted fails the flush without sending part
     * of it.
     */
    List<Message> encode(EventChunk chunk) throws FormatException {
        if (!perRecord) {
            if (!text) {
                return List.of(new Message(false, chunk.data(), chunk.offset(), chunk.length()));
            }
            buffer.clear();
            formatter.format(chunk, buffer);
            return List.of(new Message(true, buffer.array(), 0, buffer.size()));
        }
        if (formatter.options().format() == Format.MSGPACK) {
            List<Message> messages = new ArrayList<>(chunk.records());
            formatter.formatRecords(chunk, scratch, (array, offset, length) ->
                    messages.add(new Message(false, array, offset, length)));
            return messages;
        }
        buffer.clear();
        List<int[]> slices = new ArrayList<>(chunk.records());
        formatter.formatRecords(chunk, scratch, (array, offset, length) -> {
            slices.add(new int[] {buffer.size(), length});
            buffer.write(array, offset, length);
        });
        List<Message> messages = new ArrayList<>(slices.size());
        for (int[] slice : slices) {
            messages.add(new Message(true, buffer.array(), slice[0], slice[1]));
        }
        return messages;
    }
}
