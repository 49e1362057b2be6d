package io.sluice.filter.basic;

import io.sluice.api.EventBatch;
import io.sluice.api.FilterSink;
import io.sluice.support.event.EventBuffer;

/** Odd batches for bad-input tests. */
final class Records {

    /** A sink that takes everything and keeps nothing. */
    static final FilterSink NO_SINK = new FilterSink() {
        @Override
        public void write(byte[] data, int offset, int length, int records) {
        }

        @Override
        public boolean emit(String tag, byte[] data, int offset, int length, int records) {
            return true;
        }
    };

    private Records() {
    }

    /** Events whose bodies are any values, maps or not (single-quoted JSON). */
    static EventBatch batchOfRawBodies(String tag, String... bodies) {
        EventBuffer b = new EventBuffer(256);
        for (String body : bodies) {
            b.beginEvent(Run.SECONDS, Run.NANOS);
            b.write(Json.body(body));
            b.endEvent();
        }
        return new EventBatch(tag, b.toByteArray(), 0, b.size(), b.events());
    }

    /** Group markers around one event: start marker, event, end marker. */
    static EventBatch withGroupMarkers(String tag, String body) {
        EventBuffer b = new EventBuffer(256);
        b.beginEvent(0xFFFFFFFFL, 0);
        b.writeMapHeader(0);
        b.beginEvent(Run.SECONDS, Run.NANOS);
        b.write(Json.body(body));
        b.endEvent();
        b.beginEvent(0xFFFFFFFEL, 0);
        b.writeMapHeader(0);
        return new EventBatch(tag, b.toByteArray(), 0, b.size(), 1);
    }
}
