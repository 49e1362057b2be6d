package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeparatorDecoderTest {

    private final RecordingProblems problems = new RecordingProblems();

    private DecoderHarness lines(String separator, int limit) {
        return new DecoderHarness(new SeparatorDecoder(TcpSettings.unescape(separator), problems, limit));
    }

    private static List<Map<String, Object>> logs(String... lines) {
        return java.util.Arrays.stream(lines).map(l -> Map.<String, Object>of("log", l)).toList();
    }

    @Test
    void eachLineBecomesALogRecordWithItsBytesAsTheyAre() {
        var h = lines("\\n", 1024).read("first line\n{\"not\":\"parsed\"}\nwith \\t and \u00e9\n");
        assertThat(h.records).isEqualTo(logs("first line", "{\"not\":\"parsed\"}", "with \\t and \u00e9"));
        assertThat(problems.none()).isTrue();
    }

    @Test
    void aCrLfStreamKeepsTheCarriageReturnWithTheDefaultSeparator() {
        assertThat(lines("\\n", 1024).read("a\r\nb\r\n").records).isEqualTo(logs("a\r", "b\r"));
    }

    @Test
    void aCrLfSeparatorSplitsAtEveryByteBoundary() {
        byte[] b = "one\r\ntwo\r\n\r\nthree\rfour\r\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            for (int cut2 = cut; cut2 <= b.length; cut2++) {
                var h = new DecoderHarness(new SeparatorDecoder(TcpSettings.unescape("\\r\\n"), problems, 1024));
                assertThat(h.readSplit(b, cut, cut2).records).as("cuts %d %d", cut, cut2)
                        .isEqualTo(logs("one", "two", "three\rfour"));
            }
        }
        assertThat(problems.none()).isTrue();
    }

    @Test
    void emptyPiecesAreSkippedAndTheRestDecoded() {
        assertThat(lines("\\n", 1024).read("\n\na\n\n\nb\n").records).isEqualTo(logs("a", "b"));
    }

    @Test
    void theUnterminatedTailWaitsForMoreData() {
        var h = lines("\\n", 1024).read("par");
        assertThat(h.records).isEmpty();
        assertThat(h.read("tial\nnext").records).isEqualTo(logs("partial"));
    }

    @Test
    void aLineOverTheLimitIsDroppedAndTheNextKept() {
        String big = "x".repeat(100);
        byte[] b = ("ok\n" + big + "\nafter\n").getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            RecordingProblems p = new RecordingProblems();
            var h = new DecoderHarness(new SeparatorDecoder(new byte[] {'\n'}, p, 50)).readSplit(b, cut);
            assertThat(h.records).as("cut %d", cut).isEqualTo(logs("ok", "after"));
            assertThat(p.oversize).as("cut %d", cut).containsExactly(100L);
        }
    }

    @Test
    void anOversizeLineWithAMultiByteSeparatorEndsAtThatSeparator() {
        byte[] b = ("y".repeat(80) + "<>z<>").getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            RecordingProblems p = new RecordingProblems();
            var h = new DecoderHarness(new SeparatorDecoder("<>".getBytes(StandardCharsets.UTF_8), p, 30));
            assertThat(h.readSplit(b, cut).records).as("cut %d", cut).isEqualTo(logs("z"));
            assertThat(p.oversize).hasSize(1);
        }
    }

    @Test
    void aTailLeftAtTheEndIsARecordCountedAsUnterminated() {
        var h = lines("\\n", 1024).read("done\nlast li").read("ne").finish();
        assertThat(h.records).isEqualTo(logs("done", "last line"));
        assertThat(problems.unterminated).containsExactly(9L);
        assertThat(problems.incomplete).isEmpty();
    }

    @Test
    void nothingLeftAtTheEndIsNoRecord() {
        var h = lines("\\r\\n", 1024).read("done\r\n").finish();
        assertThat(h.records).isEqualTo(logs("done"));
        assertThat(problems.unterminated).isEmpty();
    }

    @Test
    void aTailOverTheLimitAtTheEndIsOversizeNotARecord() {
        var h = lines("\\n", 50).read("ok\n" + "z".repeat(80)).finish();
        assertThat(h.records).isEqualTo(logs("ok"));
        assertThat(problems.oversize).containsExactly(80L);
        assertThat(problems.unterminated).isEmpty();
    }

    @Test
    void aNulSeparatorSplitsAtNulBytes() {
        var h = lines("\\0", 1024).read("one\0two\0\0thr").read("ee\0").finish();
        assertThat(h.records).isEqualTo(logs("one", "two", "three"));
        assertThat(problems.none()).isTrue();
    }
}
