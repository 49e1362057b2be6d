package io.sluice.support.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import io.sluice.support.event.EventTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerRecordFormatTest {

    private static final String R1 = "{\"date\":1700000000.123457,\"key 1\":123456789,\"key 2\":\"abcdefg\"}";

    private static List<String> records(Format format, EventChunk chunk) throws FormatException {
        List<String> payloads = new ArrayList<>();
        int n = new EventFormatter(FormatOptions.of(format)).formatRecords(chunk, new ByteSink(16),
                (array, offset, length) -> payloads.add(new String(array, offset, length, StandardCharsets.UTF_8)));
        assertThat(n).isEqualTo(payloads.size());
        return payloads;
    }

    @Test
    void eachPayloadIsWhatTheWholeChunkFormatWritesForThatRecordAlone() throws FormatException {
        assertThat(records(Format.JSON, SpecChunks.r1r2()).get(0)).isEqualTo("[" + R1 + "]");
        assertThat(records(Format.JSON_STREAM, SpecChunks.r1r2()).get(0)).isEqualTo(R1);
        assertThat(records(Format.JSON_LINES, SpecChunks.r1r2())).hasSize(2).first().isEqualTo(R1 + "\n");
    }

    @Test
    void msgpackPayloadsAreEachEventsOwnBytes() throws FormatException {
        EventChunk chunk = SpecChunks.r1r2();
        List<byte[]> payloads = new ArrayList<>();

        new EventFormatter(FormatOptions.of(Format.MSGPACK)).formatRecords(chunk, new ByteSink(16),
                (array, offset, length) -> payloads.add(Arrays.copyOfRange(array, offset, offset + length)));

        assertThat(payloads).hasSize(2);
        assertThat(payloads.get(0)).hasSize(39);
        assertThat(payloads.get(1)).hasSize(70);
        assertThat(HexFormat.of().formatHex(payloads.get(0)) + HexFormat.of().formatHex(payloads.get(1)))
                .isEqualTo(HexFormat.of().formatHex(chunk.data()));
    }

    @Test
    void gelfErrorStopsAfterDeliveringTheRecordsBeforeIt() {
        EventBuffer b = new EventBuffer(64);
        b.writeEvent(new EventTime(1, 0), Map.of("short_message", "ok"));
        b.writeEvent(new EventTime(1, 0), Map.of("message", "no short"));
        List<String> delivered = new ArrayList<>();

        assertThatThrownBy(() -> new EventFormatter(FormatOptions.of(Format.GELF)).formatRecords(
                EventChunk.of("t", b.toByteArray(), 2), new ByteSink(16),
                (array, offset, length) -> delivered.add(new String(array, offset, length, StandardCharsets.UTF_8))))
                .isInstanceOf(FormatException.class).hasMessage("record 1: missing short_message key");
        assertThat(delivered).containsExactly("{\"version\":\"1.1\", \"short_message\":\"ok\", \"timestamp\":1.000}\n");
    }

    @Test
    void consumerExceptionsPassThroughUnchanged() {
        RecordConsumer<IOException> failing = (array, offset, length) -> {
            throw new IOException("socket closed");
        };

        assertThatThrownBy(() -> new EventFormatter(FormatOptions.of(Format.JSON_LINES))
                .formatRecords(SpecChunks.r1r2(), new ByteSink(16), failing))
                .isInstanceOf(IOException.class).hasMessage("socket closed");
    }
}
