package io.sluice.output.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.EventChunk;
import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.support.event.EventTime;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayloadEncoderTest {

    /** The defaults of {@code format}; gelf takes its short message from the records' {@code msg}. */
    private static FormatOptions options(Format format) {
        FormatOptions options = FormatOptions.of(format);
        return format == Format.GELF ? options.withGelfKeys("msg", "full_message", "host", "level", "timestamp")
                : options;
    }

    /** Every record of {@code chunk} as {@link EventFormatter#formatRecords} writes it on its own. */
    private static List<byte[]> singles(Format format, EventChunk chunk) throws Exception {
        List<byte[]> singles = new ArrayList<>();
        new EventFormatter(options(format)).formatRecords(chunk, new ByteSink(256),
                (array, offset, length) -> singles.add(Arrays.copyOfRange(array, offset, offset + length)));
        return singles;
    }

    /** What a message holding records {@code [first, end)} must be: the formatter's payload for just them. */
    private static byte[] expected(Format format, List<byte[]> singles, int first, int end) {
        ByteSink out = new ByteSink(1024);
        if (format == Format.JSON) {
            out.write('[');
        }
        for (int i = first; i < end; i++) {
            byte[] one = singles.get(i);
            if (format == Format.JSON) {
                if (i > first) {
                    out.write(',');
                }
                out.write(one, 1, one.length - 2);
            } else {
                out.write(one);
            }
        }
        if (format == Format.JSON) {
            out.write(']');
        }
        return out.toByteArray();
    }

    private static byte[] bytes(Message m) {
        return Arrays.copyOfRange(m.data(), m.offset(), m.offset() + m.length());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void withoutALimitAChunkIsOneMessageAsBefore(Format format) throws Exception {
        EventChunk chunk = Chunks.numbered(0, 300);

        Batch batch = new PayloadEncoder(options(format), false).encode(chunk, 0, 0, 0);

        ByteSink whole = new ByteSink(1024);
        new EventFormatter(options(format)).format(chunk, whole);
        assertThat(batch.messages()).singleElement().satisfies(m -> {
            assertThat(bytes(m)).isEqualTo(whole.toByteArray());
            assertThat(m.text()).isEqualTo(format.isText());
            assertThat(m.firstRecord()).isZero();
            assertThat(m.endRecord()).isEqualTo(300);
        });
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void underALimitAChunkIsCutAtRecordBoundariesIntoMessagesValidOnTheirOwn(Format format) throws Exception {
        EventChunk chunk = Chunks.numbered(0, 1000);
        List<byte[]> singles = singles(format, chunk);
        int limit = 4096;

        Batch batch = new PayloadEncoder(options(format), false).encode(chunk, 0, limit, 0);

        assertThat(batch.messages()).hasSizeGreaterThan(10);
        assertThat(batch.oversized()).isEmpty();
        assertThat(batch.records()).isEqualTo(1000);
        int next = 0;
        for (Message m : batch.messages()) {
            assertThat(m.length()).isLessThanOrEqualTo(limit);
            assertThat(m.firstRecord()).isEqualTo(next);
            assertThat(m.probe()).isFalse();
            assertThat(bytes(m)).isEqualTo(expected(format, singles, m.firstRecord(), m.endRecord()));
            next = m.endRecord();
        }
        assertThat(next).isEqualTo(1000);
        if (format == Format.MSGPACK) {
            // whole events, straight from the chunk
            List<Long> seqs = new ArrayList<>();
            batch.messages().forEach(m -> seqs.addAll(Chunks.sequenceNumbers(bytes(m))));
            assertThat(seqs).containsExactlyElementsOf(LongStream.range(0, 1000).boxed().toList());
            assertThat(batch.messages()).allSatisfy(m -> assertThat(m.data()).isSameAs(chunk.data()));
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aRecordLargerThanTheHardLimitIsLeftOutAndOneLargerThanTheLimitGoesAlone(Format format) throws Exception {
        EventChunk chunk = chunkWithLargeRecords(200, Map.of(20, 3000, 150, 9000));
        List<byte[]> singles = singles(format, chunk);

        Batch batch = new PayloadEncoder(options(format), false).encode(chunk, 0, 2048, 6000);

        assertThat(batch.oversized()).singleElement().satisfies(o -> {
            assertThat(o.record()).isEqualTo(150);
            assertThat(o.size()).isEqualTo(singles.get(150).length);
        });
        assertThat(batch.messages()).filteredOn(Message::probe).singleElement().satisfies(m -> {
            assertThat(m.firstRecord()).isEqualTo(20);
            assertThat(m.endRecord()).isEqualTo(21);
            assertThat(bytes(m)).isEqualTo(singles.get(20));
        });
        assertThat(batch.messages()).filteredOn(m -> !m.probe()).allSatisfy(m -> {
            assertThat(m.length()).isLessThanOrEqualTo(2048);
            assertThat(bytes(m)).isEqualTo(expected(format, singles, m.firstRecord(), m.endRecord()));
        });
        int covered = batch.messages().stream().mapToInt(Message::records).sum();
        assertThat(covered + batch.oversized().size()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void inRecordModeEveryRecordIsAMessageAndOnesOverTheHardLimitAreLeftOut(Format format) throws Exception {
        EventChunk chunk = chunkWithLargeRecords(50, Map.of(7, 9000));
        List<byte[]> singles = singles(format, chunk);

        Batch batch = new PayloadEncoder(options(format), true).encode(chunk, 0, 6000, 6000);

        assertThat(batch.messages()).hasSize(49).allSatisfy(m -> {
            assertThat(m.records()).isEqualTo(1);
            assertThat(bytes(m)).isEqualTo(singles.get(m.firstRecord()));
        });
        assertThat(batch.oversized()).extracting(Batch.Oversized::record).containsExactly(7);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aRetryStartsAtTheFirstRecordNotConfirmed(Format format) throws Exception {
        EventChunk chunk = Chunks.numbered(0, 500);
        List<byte[]> singles = singles(format, chunk);
        PayloadEncoder encoder = new PayloadEncoder(options(format), false);

        Batch unlimited = encoder.encode(chunk, 123, 0, 0);
        assertThat(unlimited.messages()).singleElement().satisfies(m -> {
            assertThat(m.firstRecord()).isEqualTo(123);
            assertThat(bytes(m)).isEqualTo(expected(format, singles, 123, 500));
        });
        Batch limited = encoder.encode(chunk, 123, 4096, 0);
        assertThat(limited.messages().get(0).firstRecord()).isEqualTo(123);
        assertThat(limited.records()).isEqualTo(500);
        assertThat(limited.messages()).allSatisfy(m ->
                assertThat(bytes(m)).isEqualTo(expected(format, singles, m.firstRecord(), m.endRecord())));
    }

    @Test
    void anEmptyRestIsNoMessage() throws Exception {
        EventChunk chunk = Chunks.numbered(0, 10);

        Batch batch = new PayloadEncoder(FormatOptions.of(Format.JSON_LINES), false).encode(chunk, 10, 4096, 0);

        assertThat(batch.messages()).isEmpty();
        assertThat(batch.records()).isEqualTo(10);
    }

    @Test
    void oversizedInSelectsByIndex() {
        Batch batch = new Batch(List.of(), List.of(new Batch.Oversized(3, 10), new Batch.Oversized(8, 10)), 10);

        assertThat(batch.oversizedIn(0, 3)).isEmpty();
        assertThat(batch.oversizedIn(3, 8)).extracting(Batch.Oversized::record).containsExactly(3);
        assertThat(batch.oversizedIn(0, Integer.MAX_VALUE)).hasSize(2);
    }

    /** {@code count} numbered records, those at the indexes of {@code padded} with a message of that many bytes. */
    static EventChunk chunkWithLargeRecords(int count, Map<Integer, Integer> padded) {
        EventBuffer buffer = new EventBuffer(64 * count + 16);
        for (int i = 0; i < count; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("seq", (long) i);
            body.put("msg", padded.containsKey(i) ? "z".repeat(padded.get(i)) : "record number " + i);
            buffer.writeEvent(new EventTime(1700000000L + i, 0), body);
        }
        return EventChunk.of("test", buffer.toByteArray(), count);
    }

    @Test
    void chunkWithLargeRecordsHasThem() throws Exception {
        EventChunk chunk = chunkWithLargeRecords(3, Map.of(1, 100));
        List<byte[]> singles = singles(Format.JSON_LINES, chunk);
        assertThat(new String(singles.get(1), StandardCharsets.UTF_8)).contains("z".repeat(100));
        assertThat(Set.copyOf(Chunks.sequenceNumbers(chunk.data()))).containsExactlyInAnyOrder(0L, 1L, 2L);
    }
}
