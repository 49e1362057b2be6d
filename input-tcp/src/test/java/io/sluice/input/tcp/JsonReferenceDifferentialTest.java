package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The decoder against a reference parser (Jackson, which sluice used before): on valid JSON, split into reads
 * anywhere, it yields the records Jackson reads, with sluice's documented value rules applied to Jackson's tokens.
 */
class JsonReferenceDifferentialTest {

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final JsonFactory JACKSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(100_000).build()).build();

    @Property(tries = 500)
    void validJsonGivesTheRecordsTheReferenceParserReads(@ForAll("streams") String stream,
            @ForAll("fractions") List<Double> cutFractions) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        Set<Integer> cuts = new TreeSet<>();
        cutFractions.forEach(f -> cuts.add((int) (f * bytes.length)));
        RecordingProblems problems = new RecordingProblems();

        var actual = DecoderHarness.json(problems, 1 << 20)
                .readSplit(bytes, cuts.stream().mapToInt(Integer::intValue).toArray()).finish().records;

        assertThat(actual).isEqualTo(reference(bytes));
        assertThat(problems.invalid).isEmpty();
        assertThat(problems.invalidUtf8 + problems.invalidEscapes).isZero();
    }

    /** Jackson's reading of a stream of top-level objects and arrays of objects, under sluice's value rules. */
    private static List<Map<String, Object>> reference(byte[] bytes) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        try (JsonParser p = JACKSON.createParser(bytes)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT) {
                    records.add(object(p));
                } else if (t == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        records.add(object(p));
                    }
                }
            }
        }
        return records;
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            map.put(key, value(p, p.nextToken()));
        }
        return map;
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT:
                return object(p);
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, e));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT: {
                if (p.getText().equals("-0")) {
                    return -0.0;
                }
                BigInteger v = p.getBigIntegerValue();
                if (v.bitLength() <= 63) {
                    return v.longValue();
                }
                return v.signum() > 0 && v.compareTo(U64_MAX) <= 0 ? v : p.getText();
            }
            case VALUE_NUMBER_FLOAT: {
                double d = p.getDoubleValue();
                boolean zeroText = p.getText().split("[eE]")[0].matches("-?[0.]*");
                return Double.isInfinite(d) || (d == 0 && !zeroText) ? p.getText() : d;
            }
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            default:
                return null;
        }
    }

    @Provide
    Arbitrary<List<Double>> fractions() {
        return Arbitraries.doubles().between(0, 1).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> streams() {
        Arbitrary<String> separators = Arbitraries.of("", "\n", " ", "\r\n", "\n\n  ", "\t");
        Arbitrary<String> top = Arbitraries.frequencyOf(Tuple.of(6, object(3)),
                Tuple.of(1, object(2).list().ofMaxSize(3).map(os -> "[" + String.join(",", os) + "]")));
        return Combinators.combine(top, separators).as((o, sep) -> o + sep).list().ofMinSize(1).ofMaxSize(6)
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
                Arbitraries.bigIntegers().between(new BigInteger("-999999999999999999999999999"),
                        new BigInteger("999999999999999999999999999")).map(String::valueOf),
                Arbitraries.doubles().filter(Double::isFinite).map(String::valueOf),
                Arbitraries.doubles().filter(Double::isFinite).map(d -> String.format("%.17e", d)),
                Arbitraries.of("true", "false", "null", "1e5", "-2.5E-3", "0.0", "-0", "-0.0", "1e999", "-1e-999",
                        "0e-999", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
                        "-9223372036854775809", "9007199254740993", "0.30000000000000004", "1E+308", "5e-324",
                        "123456789012345678901234567890.5", "0.000000000000000000000000000012345"));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                .map(vs -> "[" + String.join(", ", vs) + "]");
        return Arbitraries.frequencyOf(Tuple.of(5, scalar), Tuple.of(1, array),
                Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1))));
    }

    /** Strings with every kind of character and escape JSON allows. */
    private Arbitrary<String> text() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').withChars('\u00e9', '\u4e2d', '\u0080',
                '\u07ff', '\u0800', '\uffff', '\t', '\u0001').withChars("\ud83d\ude00\udbff\udfff".toCharArray())
                .ofMaxLength(12)
                .filter(s -> !s.matches(".*[\ud800-\udbff](?![\udc00-\udfff]).*")
                        && !s.matches(".*(?<![\ud800-\udbff])[\udc00-\udfff].*"));
        Arbitrary<String> escaped = Arbitraries.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
                "\\u0000", "\\u00e9", "\\u4E2D", "\\ud83d\\ude00", "\\uDBFF\\uDFFF", "\\u001f", "\\uffff");
        return Combinators.combine(plain, escaped.list().ofMaxSize(3), plain)
                .as((a, es, b) -> "\"" + quote(a) + String.join("", es) + quote(b) + "\"");
    }

    private static String quote(String s) {
        // raw tabs and control characters other than line feed are kept by sluice and allowed by Jackson here
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\u0001", "\\u0001");
    }
}
