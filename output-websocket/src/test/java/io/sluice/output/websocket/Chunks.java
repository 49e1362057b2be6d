package io.sluice.output.websocket;

import io.sluice.api.EventChunk;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventBuffer;
import io.sluice.support.event.EventDecoder;
import io.sluice.support.event.EventTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chunks of numbered records, and the numbers back out of received msgpack. */
final class Chunks {

    private Chunks() {
    }

    /** {@code count} records with {@code seq} = first, first+1, …, each with a short message. */
    static EventChunk numbered(long first, int count) {
        EventBuffer buffer = new EventBuffer(64 * count + 16);
        for (int i = 0; i < count; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("seq", first + i);
            body.put("msg", "record number " + (first + i));
            buffer.writeEvent(new EventTime(1700000000L + first + i, 123456789), body);
        }
        return EventChunk.of("test", buffer.toByteArray(), count);
    }

    /** The {@code seq} of every record in a msgpack payload, in order. */
    static List<Long> sequenceNumbers(byte[] msgpack) {
        List<Long> seqs = new ArrayList<>();
        for (Event e : EventDecoder.decode(msgpack, 0, msgpack.length)) {
            seqs.add(((Number) e.body().get("seq")).longValue());
        }
        return seqs;
    }

    /** The {@code seq} of every record the server received as msgpack, across all messages, in arrival order. */
    static List<Long> received(RecordingServer server) {
        List<Long> all = new ArrayList<>();
        for (RecordingServer.Received r : server.messages) {
            all.addAll(sequenceNumbers(r.bytes()));
        }
        return all;
    }
}
