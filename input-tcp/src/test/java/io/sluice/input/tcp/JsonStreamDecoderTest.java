package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonStreamDecoderTest {

    private final RecordingProblems problems = new RecordingProblems();

    private DecoderHarness decoder() {
        return DecoderHarness.json(problems, 32 * 1024);
    }

    private static final String STREAM = "{\"key 1\": 123456789, \"key 2\": \"abcdefg\"}\n"
            + "{\"a\":{\"b\":[1,2,{\"c\":null}],\"d\":{}},\"e\":[]}{\"f\":true,\"g\":false}\n"
            + "{\n  \"pretty\": \"yes\",\n  \"n\": -5\n}\n";

    private static final List<Map<String, Object>> STREAM_RECORDS = List.of(
            Map.of("key 1", 123456789L, "key 2", "abcdefg"),
            map("a", Map.of("b", List.of(1L, 2L, map("c", null)), "d", Map.of()), "e", List.of()),
            Map.of("f", true, "g", false),
            Map.of("pretty", "yes", "n", -5L));

    @Test
    void theTrainingBudgetBelongsToTheProcessNotToEachConnection() {
        // a second connection does not start a budget of its own: it takes what the first left
        byte[] read = "{\"a\":1}\n".repeat(500).getBytes(StandardCharsets.UTF_8);
        long before = JsonStreamDecoder.processTrainingLeft();
        for (int connection = 0; connection < 2; connection++) {
            JsonStreamDecoder decoder = new JsonStreamDecoder(new RecordingProblems(), 1024, null, null);
            decoder.feed(read, 0, read.length, new RecordBuffer(64), 1L, 0);
        }
        long after = JsonStreamDecoder.processTrainingLeft();
        if (before >= 2L * read.length) {
            assertThat(after).isEqualTo(before - 2L * read.length);
        } else {
            assertThat(after).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void newlineConcatenatedAndPrettyPrintedObjectsAreRecords() {
        assertThat(decoder().read(STREAM).records).isEqualTo(STREAM_RECORDS);
        assertThat(problems.none()).isTrue();
    }

    @Test
    void splittingTheStreamAtAnyByteGivesTheSameRecords() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(decoder().readSplit(bytes, cut).records).as("cut at %d", cut).isEqualTo(STREAM_RECORDS);
        }
        assertThat(problems.none()).isTrue();
    }

    @Test
    void feedingOneByteAtATimeGivesTheSameRecords() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[bytes.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(decoder().readSplit(bytes, cuts).records).isEqualTo(STREAM_RECORDS);
    }

    @Test
    void keysKeepTheirOrder() {
        var records = decoder().read("{\"z\":1,\"a\":2,\"m\":3}").records;
        assertThat(records.get(0).keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void numbersKeepTheirType() {
        var r = decoder().read("{\"i\":123456789,\"neg\":-40000,\"f\":2.0,\"e\":1e3,\"E\":5E-1,"
                + "\"u64\":18446744073709551615,\"huge\":18446744073709551616,\"min\":-9223372036854775808,"
                + "\"under\":-9223372036854775809}").records.get(0);
        assertThat(r.get("i")).isEqualTo(123456789L);
        assertThat(r.get("neg")).isEqualTo(-40000L);
        assertThat(r.get("f")).isEqualTo(2.0);
        assertThat(r.get("e")).isEqualTo(1000.0);
        assertThat(r.get("E")).isEqualTo(0.5);
        assertThat(r.get("u64")).isEqualTo(new BigInteger("18446744073709551615"));
        // beyond 64 bits: the exact digits, as a string (Fluent Bit: a double that has lost them)
        assertThat(r.get("huge")).isEqualTo("18446744073709551616");
        assertThat(r.get("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(r.get("under")).isEqualTo("-9223372036854775809");
        assertThat(problems.numbersAsText).containsExactly("18446744073709551616", "-9223372036854775809");
    }

    @Test
    void integersUseTheSmallestMsgpackForm() {
        DecoderHarness h = decoder();
        h.decoder.feed("{\"k\":123456789}".getBytes(StandardCharsets.UTF_8), 0, 15, h.out, 0, 0);
        byte[] bytes = h.out.toByteArray();
        // header (13 bytes), map of one, "k", then ce 07 5b cd 15
        assertThat(java.util.Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length))
                .containsExactly(0xce, 0x07, 0x5b, 0xcd, 0x15);
    }

    @Test
    void stringsAreUnescapedAndUnicodeIsExact() {
        String json = "{\"msg\":\"h\u00e9llo \\\"x\\\"\\n\\u00e9\\ud83d\\ude00 \u4e2d \ud83d\ude00\",\"\u00e9\":1}";
        var r = decoder().read(json).records.get(0);
        assertThat(r.get("msg")).isEqualTo("h\u00e9llo \"x\"\n\u00e9\ud83d\ude00 \u4e2d \ud83d\ude00");
        assertThat(r).containsKey("\u00e9");
    }

    @Test
    void multiByteCharactersSplitAcrossReadsStayIntact() {
        byte[] b = "{\"m\":\"\u4e2d\ud83d\ude00\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            assertThat(decoder().readSplit(b, cut).records.get(0).get("m")).isEqualTo("\u4e2d\ud83d\ude00\u00e9");
        }
    }

    @Test
    void eachObjectOfATopLevelArrayIsARecord() {
        var h = decoder().read("[{\"a\":1},{\"b\":2}]\n[]\n{\"c\":3}");
        assertThat(h.records).containsExactly(Map.of("a", 1L), Map.of("b", 2L), Map.of("c", 3L));
        assertThat(problems.none()).isTrue();
    }

    @Test
    void nonObjectElementsOfATopLevelArrayAreSkippedWithAWarning() {
        var h = decoder().read("[1,{\"a\":1},[2,{\"x\":0}],\"s\",{\"b\":2}]");
        assertThat(h.records).containsExactly(Map.of("a", 1L), Map.of("b", 2L));
        assertThat(problems.skipped).hasSize(3);
    }

    @Test
    void topLevelScalarsAreSkippedAndTheRestKept() {
        var h = decoder().read("42\n\"text\"\n{\"a\":1}\ntrue null\n{\"b\":2}\n");
        assertThat(h.records).containsExactly(Map.of("a", 1L), Map.of("b", 2L));
        assertThat(problems.skipped).hasSize(4);
        assertThat(problems.invalid).isEmpty();
    }

    @Test
    void invalidJsonIsReportedAndDecodingResumesAtTheNextLine() {
        var h = decoder().read("{\"a\":1}\n{\"b\": nope}\n{\"c\":3}\n");
        assertThat(h.records).containsExactly(Map.of("a", 1L), Map.of("c", 3L));
        assertThat(problems.invalid).hasSize(1);
    }

    @Test
    void invalidJsonSplitAcrossReadsResumesAtTheNextLineInALaterRead() {
        byte[] b = "{\"a\":1}\n{\"b\": x1, \"more\": [1,2,3]}\n{\"c\":3}\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            RecordingProblems p = new RecordingProblems();
            var h = DecoderHarness.json(p, 1024).readSplit(b, cut);
            assertThat(h.records).as("cut at %d", cut).containsExactly(Map.of("a", 1L), Map.of("c", 3L));
            assertThat(p.invalid).as("cut at %d", cut).hasSize(1);
        }
    }

    @Test
    void anUnterminatedStringEndingAtANewlineLosesOnlyItsOwnLine() {
        var h = decoder().read("{\"a\":\"open\n{\"c\":3}\n");
        assertThat(h.records).containsExactly(Map.of("c", 3L));
        assertThat(problems.invalid).hasSize(1);
    }

    @Test
    void binaryGarbageIsReportedAndLaterLinesStillDecode() {
        byte[] garbage = new byte[300];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 37 + 11);
            if (garbage[i] == '\n') {
                garbage[i] = 0;
            }
        }
        var h = decoder().read(garbage, 0, garbage.length).read("\n{\"ok\":1}\n");
        assertThat(h.records).containsExactly(Map.of("ok", 1L));
        assertThat(problems.invalid).hasSize(1);
    }

    @Test
    void garbageWithoutNewlineIsDroppedAndTheNextReadAfterTheLimitStartsAfresh() {
        RecordingProblems p = new RecordingProblems();
        var h = DecoderHarness.json(p, 100).read("}" + "x".repeat(200)).read("{\"ok\":1}");
        assertThat(h.records).containsExactly(Map.of("ok", 1L));
        assertThat(p.invalid).hasSize(1);
    }

    @Test
    void aRecordOverTheLimitIsDroppedAndTheNextOneKept() {
        RecordingProblems p = new RecordingProblems();
        String big = "{\"big\":[" + "1,".repeat(200) + "1],\"s\":\"" + "y".repeat(50) + "\"}";
        byte[] b = ("{\"a\":1}" + big + "{\"c\":3}\n").getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut += 7) {
            p.oversize.clear();
            var h = DecoderHarness.json(p, 300).readSplit(b, cut);
            assertThat(h.records).as("cut at %d", cut).containsExactly(Map.of("a", 1L), Map.of("c", 3L));
            assertThat(p.oversize).as("cut at %d", cut).hasSize(1);
        }
        assertThat(p.invalid).isEmpty();
    }

    @Test
    void aRecordExactlyAtTheLimitIsKept() {
        String rec = "{\"s\":\"" + "y".repeat(20) + "\"}";
        byte[] b = (" \n" + rec + rec).getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            RecordingProblems p = new RecordingProblems();
            assertThat(DecoderHarness.json(p, rec.length()).readSplit(b, cut).records).hasSize(2);
            assertThat(DecoderHarness.json(p, rec.length() - 1).readSplit(b, cut).records).isEmpty();
            assertThat(p.oversize).as("cut at %d", cut).hasSize(2);
        }
    }

    @Test
    void aRecordEndingInANumberIsMeasuredToItsClosingBraceWhereverTheReadsSplitIt() {
        String rec = "{\"n\":[1, 2],\"m\":12345}";
        byte[] b = (rec + "   \n" + rec + rec).getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            RecordingProblems kept = new RecordingProblems();
            assertThat(DecoderHarness.json(kept, rec.length()).readSplit(b, cut).records).as("cut %d", cut).hasSize(3);
            RecordingProblems dropped = new RecordingProblems();
            assertThat(DecoderHarness.json(dropped, rec.length() - 1).readSplit(b, cut).records).isEmpty();
            assertThat(dropped.oversize).as("cut %d", cut)
                    .containsExactly((long) rec.length(), (long) rec.length(), (long) rec.length());
        }
    }

    @Test
    void aHugeStringIsDroppedAsOversizeWithoutBufferingIt() {
        RecordingProblems p = new RecordingProblems();
        DecoderHarness h = DecoderHarness.json(p, 2048);
        h.read("{\"a\":\"");
        byte[] chunk = "z".repeat(1000).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) {
            h.read(chunk, 0, chunk.length);
        }
        h.read("\"}\n{\"c\":3}\n");
        assertThat(h.records).containsExactly(Map.of("c", 3L));
        assertThat(p.oversize).hasSize(1);
    }

    @Test
    void aRecordLeftOpenAtTheEndIsCountedIncomplete() {
        var h = decoder().read("{\"a\":1}\n{\"b\":[1,2").finish();
        assertThat(h.records).containsExactly(Map.of("a", 1L));
        assertThat(problems.incomplete).containsExactly(9L);
    }

    @Test
    void aStreamEndingBetweenRecordsIsNotIncomplete() {
        decoder().read("{\"a\":1}\n  ").finish();
        assertThat(problems.none()).isTrue();
    }

    @Test
    void theSourceAddressIsTheLastKey() {
        var h = new DecoderHarness(new JsonStreamDecoder(problems, 1024,
                "src".getBytes(StandardCharsets.UTF_8), "tcp://127.0.0.1:4242".getBytes(StandardCharsets.UTF_8)));
        h.read("{\"a\":1,\"b\":{\"c\":2}}\n[{\"d\":4}]");
        assertThat(h.records).hasSize(2);
        assertThat(h.records.get(0).keySet()).containsExactly("a", "b", "src");
        assertThat(h.records.get(0).get("src")).isEqualTo("tcp://127.0.0.1:4242");
        assertThat(h.records.get(1)).isEqualTo(map("d", 4L, "src", "tcp://127.0.0.1:4242"));
    }

    @Test
    void largeMapsAndArraysGetTheirFullCounts() {
        StringBuilder sb = new StringBuilder("{");
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < 70000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        sb.append(",\"arr\":[");
        for (int i = 0; i < 20; i++) {
            sb.append(i == 0 ? "" : ",").append(i);
            list.add((long) i);
        }
        sb.append("]}");
        RecordingProblems p = new RecordingProblems();
        var r = DecoderHarness.json(p, 4 * 1024 * 1024).read(sb.toString()).records.get(0);
        assertThat(r).hasSize(70001);
        assertThat(r.get("k69999")).isEqualTo(69999L);
        assertThat(r.get("arr")).isEqualTo(list);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
