package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonStreamSplitPropertyTest {

    @Property(tries = 300)
    void aStreamSplitAtRandomBoundariesGivesTheRecordsOfOneUnsplitRead(
            @ForAll("streams") String stream, @ForAll("fractions") List<Double> cutFractions) {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        Set<Integer> cuts = new TreeSet<>();
        cutFractions.forEach(f -> cuts.add((int) (f * bytes.length)));
        RecordingProblems whole = new RecordingProblems();
        RecordingProblems split = new RecordingProblems();

        var expected = DecoderHarness.json(whole, 1 << 20).read(bytes, 0, bytes.length).finish().records;
        var actual = DecoderHarness.json(split, 1 << 20)
                .readSplit(bytes, cuts.stream().mapToInt(Integer::intValue).toArray()).finish().records;

        // valid JSON: nothing dropped or changed, except integers beyond 64 bits, kept as their digits
        assertThat(whole.invalid).isEmpty();
        assertThat(whole.oversize).isEmpty();
        assertThat(whole.skipped).isEmpty();
        assertThat(whole.incomplete).isEmpty();
        assertThat(whole.invalidUtf8 + whole.invalidEscapes).isZero();
        assertThat(actual).isEqualTo(expected);
        assertThat(split.invalid).isEmpty();
        assertThat(split.numbersAsText).isEqualTo(whole.numbersAsText);
    }

    @Provide
    Arbitrary<List<Double>> fractions() {
        return Arbitraries.doubles().between(0, 1).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> streams() {
        Arbitrary<String> separators = Arbitraries.of("", "\n", " ", "\r\n", "\n\n  ", "\t");
        return Combinators.combine(object(3), separators).as((o, sep) -> o + sep).list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join("", parts));
    }

    private Arbitrary<String> object(int depth) {
        Arbitrary<String> entry = Combinators.combine(text(), value(depth - 1), Arbitraries.of("", " ", "\n  "))
                .as((k, v, ws) -> ws + k + ws + ":" + ws + v);
        return entry.list().ofMaxSize(5).map(es -> "{" + String.join(",", es) + "}");
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(text(),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("-99999999999999999999999"),
                        new java.math.BigInteger("99999999999999999999999")).map(String::valueOf),
                Arbitraries.doubles().filter(Double::isFinite).map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1e5", "-2.5E-3", "0.0"));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                .map(vs -> "[" + String.join(", ", vs) + "]");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, scalar),
                net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1))));
    }

    private Arbitrary<String> text() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').withChars('\u00e9', '\u4e2d')
                .withChars("\ud83d\ude00".toCharArray()).ofMaxLength(12);
        return plain.map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
}
