package io.sluice.core.builtin;

import io.sluice.support.event.EventBuffer;

/** The dummy record, encoded once; each event is its bytes behind a fresh timestamp. */
final class DummyRecord {

    private final byte[] metadata;
    private final byte[] body;

    /** @param metadata the metadata map as msgpack; @param body the body map as msgpack */
    DummyRecord(byte[] metadata, byte[] body) {
        this.metadata = metadata;
        this.body = body;
    }

    /** The encoded size of one event. */
    int size() {
        return 12 + metadata.length + body.length;
    }

    /** Appends one event at the given time and counts it. */
    void writeTo(EventBuffer out, long seconds, int nanos) {
        out.writeArrayHeader(2);
        out.writeArrayHeader(2);
        out.write(0xd7);
        out.write(0x00);
        writeInt(out, (int) seconds);
        writeInt(out, nanos);
        out.write(metadata);
        out.write(body);
        out.endEvent();
    }

    private static void writeInt(EventBuffer out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
