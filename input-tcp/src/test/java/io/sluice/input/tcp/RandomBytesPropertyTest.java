package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random bytes against the JSON stream decoder, fed the way the selector feeds it: in reads split at random places,
 * the output emitted and cleared after every read ({@link DecoderHarness} also checks that the output holds only
 * whole, decodable events).
 */
class RandomBytesPropertyTest {

    private static final byte[] JSONISH = "{}[]\":,\\ \n\r\t0123456789.eE+-truefalsnlu\u0001\u0000abcdfABCDF"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAD_UTF8 = {(byte) 0xff, (byte) 0xc3, (byte) 0x80, (byte) 0xe2, (byte) 0xed,
        (byte) 0xa0, (byte) 0xf4, (byte) 0x90, (byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    /** Any bytes, in any split, with any record limit: feed and finish return normally, nothing escapes. */
    @Property(tries = 1000)
    void randomBytesInRandomReadSplitsNeverThrowOutOfTheDecoder(@ForAll("garbage") byte[] bytes,
            @ForAll("cuts") List<Double> cuts, @ForAll @IntRange(min = 1, max = 4096) int limit) {
        RecordingProblems problems = new RecordingProblems();
        DecoderHarness harness = DecoderHarness.json(problems, limit);

        assertThatCode(() -> harness.readSplit(bytes, positions(cuts, bytes.length)).finish())
                .doesNotThrowAnyException();
    }

    /**
     * Where reads split the stream changes nothing: any bytes (records under the limit) give the same records and the
     * same counts of every problem and change as one unsplit read.
     */
    @Property(tries = 1000)
    void anySplitGivesTheRecordsAndCountsOfOneUnsplitRead(@ForAll("garbage") byte[] bytes,
            @ForAll("cuts") List<Double> cuts) {
        RecordingProblems whole = new RecordingProblems();
        RecordingProblems split = new RecordingProblems();

        var expected = DecoderHarness.json(whole, 1 << 20).read(bytes, 0, bytes.length).finish().records;
        var actual = DecoderHarness.json(split, 1 << 20).readSplit(bytes, positions(cuts, bytes.length)).finish()
                .records;

        assertThat(actual).isEqualTo(expected);
        assertThat(split.invalid).hasSameSizeAs(whole.invalid);
        assertThat(split.skipped).isEqualTo(whole.skipped);
        assertThat(split.incomplete).isEqualTo(whole.incomplete);
        assertThat(split.invalidUtf8).isEqualTo(whole.invalidUtf8);
        assertThat(split.invalidEscapes).isEqualTo(whole.invalidEscapes);
        assertThat(split.numbersAsText).isEqualTo(whole.numbersAsText);
    }

    /**
     * Resynchronisation after garbage: in a stream of one-line records and garbage, where every piece of garbage (any
     * bytes, newlines included) ends with a control byte and a newline, every record is emitted exactly once and in
     * order, whatever the garbage, the read splits and the records' place in the stream, as long as each record is
     * within the limit. The control byte is what makes the garbage certainly invalid before its newline: JSON values
     * may span lines, so garbage that happens to be a valid prefix such as {@code {"a":} would otherwise, correctly,
     * take the next line as its value.
     */
    @Property(tries = 1000)
    void everyRecordLineAfterGarbageEndingInAControlByteAndNewlineIsEmittedOnceInOrder(
            @ForAll("pieces") List<byte[]> garbage, @ForAll("cuts") List<Double> cuts,
            @ForAll @IntRange(min = 128, max = 4096) int limit) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int seq = 0;
        for (byte[] piece : garbage) {
            if (piece.length == 0) {
                stream.writeBytes(recordLine(seq++));
            } else {
                stream.writeBytes(piece);
                stream.write(0x01);
                stream.write('\n');
            }
            stream.writeBytes(recordLine(seq++));
        }
        byte[] bytes = stream.toByteArray();
        DecoderHarness harness = DecoderHarness.json(new RecordingProblems(), limit);

        harness.readSplit(bytes, positions(cuts, bytes.length)).finish();

        List<Object> emitted = new ArrayList<>();
        for (Map<String, Object> r : harness.records) {
            if (r.containsKey("__seq")) {
                emitted.add(r.get("__seq"));
            }
        }
        List<Object> expected = new ArrayList<>();
        for (long i = 0; i < seq; i++) {
            expected.add(i);
        }
        assertThat(emitted).isEqualTo(expected);
    }

    private static byte[] recordLine(int seq) {
        return ("{\"msg\": \"caf\u00e9 \\u00e9 \\\"q\\\"\", \"n\": [1, 2.5, true, null], \"__seq\": " + seq + "}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static int[] positions(List<Double> fractions, int length) {
        TreeSet<Integer> cuts = new TreeSet<>();
        fractions.forEach(f -> cuts.add((int) (f * length)));
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    @Provide
    Arbitrary<List<Double>> cuts() {
        return Arbitraries.doubles().between(0, 1).list().ofMaxSize(16);
    }

    /** Uniform random bytes, or bytes drawn from JSON's punctuation, literals and broken UTF-8, to reach deeper. */
    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> uniform = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        Arbitrary<byte[]> jsonish = Arbitraries.oneOf(Arbitraries.of(box(JSONISH)), Arbitraries.of(box(BAD_UTF8)))
                .array(Byte[].class).ofMaxSize(3000).map(RandomBytesPropertyTest::unbox);
        return Arbitraries.oneOf(uniform, jsonish);
    }

    /** A string over the limit must not send the decoder back over records it already emitted in the same read. */
    @org.junit.jupiter.api.Test
    void aStringOverTheLimitDoesNotReemitTheRecordsBeforeItInTheSameRead() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            s.append("{\"seq\": ").append(i).append("}\n");
        }
        s.append("{\"msg\": \"").append("x".repeat(5_000)).append("\"}\n{\"seq\": 10}\n");
        RecordingProblems problems = new RecordingProblems();

        var records = DecoderHarness.json(problems, 4096).read(s.toString()).finish().records;

        assertThat(records).extracting(r -> r.get("seq"))
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(problems.oversize).hasSize(1);
    }

    /** Pieces of garbage; an empty piece stands for a second record line in a row instead. */
    @Provide
    Arbitrary<List<byte[]>> pieces() {
        Arbitrary<byte[]> longString = Arbitraries.integers().between(1, 6_000)
                .map(n -> ("{\"s\": \"" + "x".repeat(n)).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(garbage(), longString, Arbitraries.just(new byte[0])).list().ofMaxSize(8);
    }

    private static Byte[] box(byte[] bytes) {
        Byte[] boxed = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        return boxed;
    }

    private static byte[] unbox(Byte[] boxed) {
        byte[] bytes = new byte[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            bytes[i] = boxed[i];
        }
        return bytes;
    }
}
