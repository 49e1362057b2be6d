package io.sluice.support.format;

import static io.sluice.support.format.SpecChunks.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventLayoutTest {

    private static final String R1_JSON = "{\"date\":1700000000.123457,\"key 1\":123456789,\"key 2\":\"abcdefg\"}";

    private static EventChunk chunkOf(EventBuffer b) {
        return EventChunk.of("t", b.toByteArray(), 1);
    }

    @Test
    void legacyEventWithEventTimeFormatsLikeV2() throws FormatException {
        EventBuffer b = new EventBuffer(64);
        b.writeArrayHeader(2);
        b.write(new byte[] {(byte) 0xd7, 0, 0x65, 0x53, (byte) 0xf1, 0, 0x07, 0x5b, (byte) 0xcd, 0x15});
        SpecChunks.r1Body(b);

        assertThat(format(Format.JSON_STREAM, chunkOf(b))).isEqualTo(R1_JSON);
    }

    @Test
    void legacyEventWithIntegerOrFloatTime() throws FormatException {
        EventBuffer integer = new EventBuffer(64);
        integer.writeArrayHeader(2);
        integer.writeLong(1700000001L);
        SpecChunks.r1Body(integer);
        EventBuffer floating = new EventBuffer(64);
        floating.writeArrayHeader(2);
        floating.writeDouble(1700000000.25);
        SpecChunks.r1Body(floating);
        FormatOptions iso = FormatOptions.of(Format.JSON_STREAM).withDateFormat(DateFormat.ISO8601);

        assertThat(format(iso, chunkOf(integer))).startsWith("{\"date\":\"2023-11-14T22:13:21.000000Z\",\"key 1\"");
        assertThat(format(iso, chunkOf(floating))).startsWith("{\"date\":\"2023-11-14T22:13:20.250000Z\",\"key 1\"");
    }

    @Test
    void groupMarkersAreSkipped() throws FormatException {
        EventBuffer b = new EventBuffer(64);
        b.beginEvent(0xFFFFFFFFL, 0);
        b.writeMapHeader(0);
        SpecChunks.writeR1(b);
        b.beginEvent(0xFFFFFFFEL, 0);
        b.writeMapHeader(0);

        assertThat(format(Format.JSON, EventChunk.of("t", b.toByteArray(), 3))).isEqualTo("[" + R1_JSON + "]");
    }

    @Test
    void chunkSliceIsReadWithinItsOffsetAndLength() throws FormatException {
        EventBuffer b = new EventBuffer(64);
        b.write(new byte[] {1, 2, 3});
        int start = b.size();
        SpecChunks.writeR1(b);
        int length = b.size() - start;
        b.write(0xc1);

        EventChunk slice = new EventChunk("c", "t", b.toByteArray(), start, length, 1);

        assertThat(format(Format.JSON_STREAM, slice)).isEqualTo(R1_JSON);
    }

    @Test
    void truncatedChunkFailsNamingTheRecordAndLeavesTheSinkAsItWas() {
        EventBuffer b = new EventBuffer(64);
        SpecChunks.writeR1(b);
        SpecChunks.writeR1(b);
        byte[] cut = Arrays.copyOf(b.toByteArray(), b.size() - 3);
        ByteSink out = new ByteSink(16);
        out.writeAscii("kept");

        assertThatThrownBy(() -> new EventFormatter(FormatOptions.of(Format.JSON)).format(EventChunk.of("t", cut, 2),
                out))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("record 1: truncated")
                .satisfies(e -> assertThat(((FormatException) e).recordIndex()).isEqualTo(1));
        assertThat(out.toString()).isEqualTo("kept");
    }

    @Test
    void invalidBytesAndWrongShapesAreFormatExceptions() {
        byte[][] bad = {
            {(byte) 0xc1},
            {(byte) 0x93, 1, 2, 3},
            {(byte) 0x92, (byte) 0xa1, 'x', (byte) 0x80},
            {(byte) 0x92, (byte) 0xd7, 5, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80},
            {(byte) 0x92, (byte) 0x90, (byte) 0x80},
            {(byte) 0x92, 1, (byte) 0xdf, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        };
        EventFormatter formatter = new EventFormatter(FormatOptions.of(Format.JSON_LINES));
        for (byte[] data : bad) {
            assertThatThrownBy(() -> formatter.format(EventChunk.of("t", data, 1), new ByteSink(16)))
                    .as(Arrays.toString(data))
                    .isInstanceOf(FormatException.class)
                    .hasMessageStartingWith("record 0: ");
        }
    }

    @Test
    void absurdNestingIsAnErrorNotAStackOverflow() {
        EventBuffer b = new EventBuffer(64);
        b.beginEvent(1, 0);
        b.writeMapHeader(1);
        b.writeString("deep");
        for (int i = 0; i < 100_000; i++) {
            b.writeArrayHeader(1);
        }
        b.writeNil();
        EventChunk chunk = EventChunk.of("t", b.toByteArray(), 1);

        assertThatThrownBy(() -> format(Format.JSON, chunk)).isInstanceOf(FormatException.class)
                .hasMessageContaining("nesting");
        assertThatThrownBy(() -> new HumanFormatter().format(chunk, new ByteSink(16)))
                .isInstanceOf(FormatException.class);
    }
}
