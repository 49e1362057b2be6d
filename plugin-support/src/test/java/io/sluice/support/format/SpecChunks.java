package io.sluice.support.format;

import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import java.nio.charset.StandardCharsets;

/**
 * Two example tcp records whose exact output in every format is known from Fluent Bit, built with the real event
 * encoder, and a formatting shorthand.
 */
final class SpecChunks {

    private SpecChunks() {
    }

    /** The two example records, R1 then R2, tag {@code tcp.0}. */
    static EventChunk r1r2() {
        EventBuffer b = new EventBuffer(128);
        writeR1(b);
        writeR2(b);
        return chunk(b);
    }

    static void writeR1(EventBuffer b) {
        b.beginEvent(1700000000L, 123456789);
        r1Body(b);
        b.endEvent();
    }

    /** R1's body {@code {"key 1":123456789,"key 2":"abcdefg"}}. */
    static void r1Body(EventBuffer b) {
        b.writeMapHeader(2);
        b.writeString("key 1");
        b.writeLong(123456789);
        b.writeString("key 2");
        b.writeString("abcdefg");
    }

    static void writeR2(EventBuffer b) {
        b.beginEvent(1700000001L, 0);
        b.writeMapHeader(5);
        b.writeString("msg");
        b.writeString("héllo \"x\"\n");
        b.writeString("ratio");
        b.writeDouble(0.5);
        b.writeString("count");
        b.writeDouble(2.0);
        b.writeString("ok");
        b.writeBoolean(true);
        b.writeString("none");
        b.writeNil();
        b.endEvent();
    }

    static EventChunk chunk(EventBuffer b) {
        return new EventChunk("c1", "tcp.0", b.toByteArray(), 0, b.size(), b.events());
    }

    /** A chunk of one event at {@code seconds.nanos} whose body is written by {@code body}. */
    static EventChunk single(long seconds, int nanos, java.util.function.Consumer<EventBuffer> body) {
        EventBuffer b = new EventBuffer(128);
        b.beginEvent(seconds, nanos);
        body.accept(b);
        b.endEvent();
        return chunk(b);
    }

    static String format(FormatOptions options, EventChunk chunk) throws FormatException {
        ByteSink out = new ByteSink(256);
        new EventFormatter(options).format(chunk, out);
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    static String format(Format format, EventChunk chunk) throws FormatException {
        return format(FormatOptions.of(format), chunk);
    }
}
