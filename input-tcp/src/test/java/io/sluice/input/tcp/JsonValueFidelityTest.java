package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Values keep what they say (issue "Hardening", item 9): each change needed to keep a record is counted. */
class JsonValueFidelityTest {

    private final RecordingProblems problems = new RecordingProblems();

    private Object value(String json) {
        var records = DecoderHarness.json(problems, 1 << 20).read("{\"v\":" + json + "}\n").records;
        assertThat(records).as(json).hasSize(1);
        return records.get(0).get("v");
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                for (int b : (int[]) p) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    private List<Map<String, Object>> decode(byte[] b) {
        return DecoderHarness.json(problems, 1 << 20).read(b, 0, b.length).finish().records;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "-1e999999", "1.5e309", "1e-999999", "-2.5e-400",
        "123456789012345678901234567890", "-123456789012345678901234567890", "18446744073709551616",
        "-9223372036854775809"})
    void aNumberMsgpackCannotHoldIsKeptAsItsTextAndCounted(String number) {
        assertThat(value(number)).isEqualTo(number);
        assertThat(problems.numbersAsText).containsExactly(number);
    }

    @Test
    void integersUpToUnsigned64BitsAreExactIntegers() {
        assertThat(value("18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(value("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(value("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(value("1700000000123456789")).isEqualTo(1700000000123456789L);
        assertThat(value("0")).isEqualTo(0L);
        assertThat(problems.none()).isTrue();
    }

    @Test
    void minusZeroKeepsItsSignAsAFloat() {
        assertThat(Double.doubleToRawLongBits((Double) value("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits((Double) value("-0.0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits((Double) value("0.0e7"))).isZero();
        assertThat(value("0")).isEqualTo(0L);
        assertThat(problems.none()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "1.5", "-2.5E-3", "1e22", "1e23", "3.141592653589793238462643383279",
        "1.7976931348623157e308", "4.9e-324", "2.2250738585072014E-308", "123456789.123456789", "0.000001234",
        "9007199254740993.0", "1E+2", "5e-1", "100000000000000000000000.0"})
    void floatsAreTheNearestFloat64(String number) {
        assertThat(value(number)).isEqualTo(Double.parseDouble(number));
        assertThat(problems.none()).isTrue();
    }

    @Test
    void invalidUtf8BecomesOneReplacementCharacterPerMaximalSubpartAndIsCounted() {
        // a lone continuation byte, an invalid lead, a truncated 3-byte sequence, a surrogate, an overlong form
        byte[] b = bytes("{\"s\":\"a", new int[] {0x80}, "b", new int[] {0xff}, "c", new int[] {0xe2, 0x82}, "d",
                new int[] {0xed, 0xa0, 0x80}, "e", new int[] {0xc0, 0xaf}, "f\u00e9\u20ac\ud83d\ude00\"}\n");
        var records = decode(b);
        assertThat(records).singleElement().extracting(r -> r.get("s"))
                .isEqualTo("a\ufffdb\ufffdc\ufffdd\ufffd\ufffd\ufffde\ufffd\ufffdf\u00e9\u20ac\ud83d\ude00");
        assertThat(problems.invalidUtf8).isEqualTo(8);
        assertThat(problems.invalid).isEmpty();
    }

    @Test
    void invalidUtf8InAKeyIsReplacedToo() {
        var records = decode(bytes("{\"k", new int[] {0xfe}, "\":1}"));
        assertThat(records).singleElement().isEqualTo(Map.of("k\ufffd", 1L));
        assertThat(problems.invalidUtf8).isEqualTo(1);
    }

    @Test
    void rawControlCharactersOtherThanLineFeedAreKeptAsTheyAre() {
        var records = decode(bytes("{\"s\":\"a", new int[] {0, 1, '\t', '\r', 0x1f}, "b\"}"));
        assertThat(records).singleElement().isEqualTo(Map.of("s", "a\u0000\u0001\t\r\u001fb"));
        assertThat(problems.none()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\\uZZZZ|\\uZZZZ", "\\u12|\\u12", "x\\qy|x\\qy", "C:\\Users|C:\\Users", "\\u00e9\\u0g|\u00e9\\u0g",
        "\\u|\\u"})
    void anEscapeJsonDoesNotDefineIsKeptAsWrittenAndCounted(String escaped, String expected) {
        assertThat(value("\"" + escaped + "\"")).isEqualTo(expected);
        assertThat(problems.invalidEscapes).isEqualTo(1);
        assertThat(problems.invalid).isEmpty();
    }

    @Test
    void unpairedSurrogateEscapesBecomeReplacementCharactersAndAreCounted() {
        assertThat(value("\"a\\ud800b\\udc00c\\ud83d\\u0041\\ud83d\\ude00\\ud83d\"")).isEqualTo(
                "a\ufffdb\ufffdc\ufffdA\ud83d\ude00\ufffd");
        assertThat(problems.invalidUtf8).isEqualTo(4);
        assertThat(problems.invalidEscapes).isZero();
    }

    @Test
    void everyEscapeJsonDefinesIsUnescaped() {
        assertThat(value("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u00e9\\u4e2d\"")).isEqualTo(
                "\"\\/\b\f\n\r\t\u0000\u00e9\u4e2d");
        assertThat(problems.none()).isTrue();
    }

    @Test
    void everyValueCaseSplitAtEveryByteGivesTheSameRecordAndCounts() {
        byte[] b = bytes("{\"a\":\"x", new int[] {0xe2, 0x82, 0xac, 0xe2, 0x82}, "\\u00e9\\ud83d\\ude00\\q\\uZZ",
                new int[] {0}, "\",\"n\":[1e999999,-0,123456789012345678901234567890,-12.5e-3,18446744073709551615]}",
                new int[] {0, 0}, "{\"after\":true}\n");
        RecordingProblems whole = new RecordingProblems();
        var expected = DecoderHarness.json(whole, 1 << 20).read(b, 0, b.length).finish().records;
        assertThat(expected).hasSize(2);
        assertThat(whole.invalidUtf8).isEqualTo(1);
        assertThat(whole.invalidEscapes).isEqualTo(2);
        assertThat(whole.numbersAsText).containsExactly("1e999999", "123456789012345678901234567890");
        assertThat(whole.invalid).hasSize(1);
        for (int cut = 0; cut <= b.length; cut++) {
            for (int cut2 = cut; cut2 <= b.length; cut2 += 3) {
                RecordingProblems p = new RecordingProblems();
                var records = DecoderHarness.json(p, 1 << 20).readSplit(b, cut, cut2).finish().records;
                assertThat(records).as("cuts %d %d", cut, cut2).isEqualTo(expected);
                assertThat(p.invalidUtf8).isEqualTo(whole.invalidUtf8);
                assertThat(p.invalidEscapes).isEqualTo(whole.invalidEscapes);
                assertThat(p.numbersAsText).isEqualTo(whole.numbersAsText);
                assertThat(p.invalid).hasSameSizeAs(whole.invalid);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- resynchronising

    @Test
    void garbageBeforeAnObjectCostsOnlyTheGarbage() {
        var records = decode(bytes(new int[] {0, 0, 0}, "{\"after_nul\":1}\n"));
        assertThat(records).containsExactly(Map.of("after_nul", 1L));
        assertThat(problems.invalid).hasSize(1);
    }

    @Test
    void aBrokenRecordYieldsNoRecordsMadeOfItsInnerObjects() {
        var records = decode(bytes("{\"a\": tru, \"inner\": {\"k\": 1}, \"list\": [{\"x\": 2}]}{\"b\":2}\n"
                + "{\"c\":3}\n"));
        assertThat(records).containsExactly(Map.of("b", 2L), Map.of("c", 3L));
        assertThat(problems.invalid).hasSize(1);
    }

    @Test
    void aRecordCutShortLosesOnlyItselfWhenTheNextOneStartsALine() {
        var records = decode(bytes("{\"a\":1, \"b\": [1, {\"c\"\n{\"next\":1}\n{\"a\":\"cut in a str\n{\"next\":2}\n"
                + "{\"a\":1\n{\"next\":3}\n"));
        assertThat(records).containsExactly(Map.of("next", 1L), Map.of("next", 2L), Map.of("next", 3L));
        assertThat(problems.invalid).hasSize(3);
    }

    @Test
    void aBrokenElementOfATopLevelArrayCostsOnlyItself() {
        var records = decode(bytes("[{\"a\":1},{\"b\": tru, \"c\": [{}]},{\"d\":4}]\n{\"e\":5}\n"));
        assertThat(records).containsExactly(Map.of("a", 1L), Map.of("d", 4L), Map.of("e", 5L));
        assertThat(problems.invalid).hasSize(1);
        assertThat(problems.skipped).isEmpty();
    }

    @Test
    void aPrettyPrintedBrokenRecordIsSkippedToItsEnd() {
        var records = decode(bytes("{\n  \"a\": nope,\n  \"b\": {\n    \"c\": [\n      {\"d\": 1}\n    ]\n  }\n}\n"
                + "{\n  \"ok\": 1\n}\n"));
        assertThat(records).containsExactly(Map.of("ok", 1L));
        assertThat(problems.invalid).hasSize(1);
    }

    @Test
    void aLineOfGarbageCountsOnceHoweverManyBracesItHas() {
        var records = decode(bytes("{oops} {{{ ]] }: {\"a\" 1} \u0000 [1, 2} {\"b\"\n{\"ok\":1}\n"));
        assertThat(records).containsExactly(Map.of("ok", 1L));
        assertThat(problems.invalid).hasSize(1);
    }

    @Test
    void separateBadLinesCountOnceEach() {
        var records = decode(bytes("{\"broken\": tru}\n{\"b\": }\n\u0001\u0002\n{\"ok\":1}\n"));
        assertThat(records).containsExactly(Map.of("ok", 1L));
        assertThat(problems.invalid).hasSize(3);
    }

    @Test
    void aFloodOfInvalidLinesCountsOncePerLine() {
        List<String> kinds = List.of("this is not json", "{\"a\": tru}", "{\"a\" 1}", "{'single': 1}",
                "{\"a\": 1,}", "{\"a\": 01}", "{\"a\": [1, 2}", ",", "{\"a\": -}", "{\"a\": {\"b\": [}}",
                "]]}", "{\"a\":\"cut");
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            flood.append(kinds.get(i % kinds.size())).append('\n');
        }
        var records = decode(bytes(flood.toString(), "{\"ok\":1}\n"));
        assertThat(records).containsExactly(Map.of("ok", 1L));
        assertThat(problems.invalid).hasSize(1200);
    }

    @Test
    void nestingDeeperThanTheLimitIsInvalid() {
        String deep = "{\"a\":" + "[".repeat(JsonStreamDecoder.MAX_DEPTH) + "]".repeat(JsonStreamDecoder.MAX_DEPTH)
                + "}\n";
        String fine = "{\"a\":" + "[".repeat(JsonStreamDecoder.MAX_DEPTH - 1)
                + "]".repeat(JsonStreamDecoder.MAX_DEPTH - 1) + "}\n";
        var records = decode(bytes(deep, fine, "{\"ok\":1}\n"));
        assertThat(records).hasSize(2);
        assertThat(records.get(1)).isEqualTo(Map.of("ok", 1L));
        assertThat(problems.invalid).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------ oversize

    @Test
    void aHugeStringIsOneOversizeRecordAndNothingElse() {
        RecordingProblems p = new RecordingProblems();
        DecoderHarness h = DecoderHarness.json(p, 1024);
        h.read("{\"seq\":1}\n{\"big\":\"");
        byte[] chunk = "xy\\\"z\u00e9 ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 200; i++) {
            h.read(chunk, 0, chunk.length);
        }
        h.read("\", \"n\": [1, 2, {\"x\": 3}]}{\"seq\":2}\n").finish();
        assertThat(h.records).containsExactly(Map.of("seq", 1L), Map.of("seq", 2L));
        assertThat(p.oversize).hasSize(1);
        assertThat(p.invalid).isEmpty();
        assertThat(p.incomplete).isEmpty();
    }

    @Test
    void aHugeKeyOrNumberIsOneOversizeRecordToo() {
        RecordingProblems p = new RecordingProblems();
        DecoderHarness h = DecoderHarness.json(p, 1024);
        h.read("{\"");
        byte[] key = "k".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10; i++) {
            h.read(key, 0, key.length);
        }
        h.read("\": 1}\n{\"n\": 1");
        byte[] digits = "1234567890".repeat(1000).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10; i++) {
            h.read(digits, 0, digits.length);
        }
        h.read("}\n{\"ok\":1}\n").finish();
        assertThat(h.records).containsExactly(Map.of("ok", 1L));
        assertThat(p.oversize).hasSize(2);
        assertThat(p.invalid).isEmpty();
    }

    @Test
    void anOversizeRecordThatTurnsOutBrokenIsCountedOnlyAsOversize() {
        RecordingProblems p = new RecordingProblems();
        var h = DecoderHarness.json(p, 100).read("{\"a\":\"" + "x".repeat(200)).read("\" oops }\n{\"ok\":1}\n")
                .finish();
        assertThat(h.records).containsExactly(Map.of("ok", 1L));
        assertThat(p.oversize).hasSize(1);
        assertThat(p.invalid).isEmpty();
    }

    @Test
    void aConnectionClosedInsideAnOversizeRecordCountsItOnce() {
        RecordingProblems p = new RecordingProblems();
        DecoderHarness.json(p, 100).read("{\"a\":\"" + "x".repeat(200)).finish();
        assertThat(p.oversize).hasSize(1);
        assertThat(p.incomplete).isEmpty();
    }
}
