package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Decoding each read in the short windows that train the JIT's profile gives exactly what decoding it whole gives:
 * the same records, and the same problems with the same previews, sizes and counts, for valid and broken JSON in any
 * read split and under any record limit.
 */
class TrainingWindowsPropertyTest {

    private static final String[] PIECES = {
        "{\"key 1\": 123456789, \"key 2\": \"abcdefg\", \"seq\": 42, \"msg\": \"" + "x".repeat(90) + "\"}\n",
        "{\"a\":[1,2.5e3,-0,true,false,null,{\"b\":\"\\u00e9\\ud83d\\ude00\\n\"}],\"c\":18446744073709551616}",
        "{\n  \"pretty\": {\n    \"n\": -12.75\n  }\n}\n", "[{\"in\":\"array\"}, 7, [1], {\"x\":1}]\n",
        "{\"broken\": tru}\n", "garbage\u0001\n", "{\"cut\": \"no end\n", "\"scalar\" 12 ", "{\"é€\": \"\u00ff\"}",
        "{\"k\":\"\\q\\u12\"}\n", " \r\n\t", "}{", "{\"deep\":[[[[[[[[]]]]]]]]}\n",
    };

    @Property(tries = 500)
    void windowedReadsGiveWhatWholeReadsGive(@ForAll long seed, @ForAll @IntRange(min = 16, max = 4096) int limit) {
        Random random = new Random(seed);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int pieces = 1 + random.nextInt(40);
        for (int p = 0; p < pieces; p++) {
            byte[] piece = PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8);
            stream.write(piece, 0, random.nextInt(12) == 0 ? random.nextInt(piece.length + 1) : piece.length);
            if (random.nextInt(20) == 0) {
                stream.write(random.nextInt(256));
            }
        }
        byte[] bytes = stream.toByteArray();
        int[] cuts = random.ints(random.nextInt(6), 0, bytes.length + 1).sorted().toArray();
        RecordingProblems wholeProblems = new RecordingProblems();
        RecordingProblems windowedProblems = new RecordingProblems();

        var whole = new DecoderHarness(new JsonStreamDecoder(wholeProblems, limit, null, null, 0))
                .readSplit(bytes, cuts).finish().records;
        var windowed = new DecoderHarness(new JsonStreamDecoder(windowedProblems, limit, null, null, Long.MAX_VALUE))
                .readSplit(bytes, cuts).finish().records;

        assertThat(windowed).isEqualTo(whole);
        assertThat(windowedProblems.invalid).isEqualTo(wholeProblems.invalid);
        assertThat(windowedProblems.oversize).isEqualTo(wholeProblems.oversize);
        assertThat(windowedProblems.skipped).isEqualTo(wholeProblems.skipped);
        assertThat(windowedProblems.incomplete).isEqualTo(wholeProblems.incomplete);
        assertThat(windowedProblems.invalidUtf8).isEqualTo(wholeProblems.invalidUtf8);
        assertThat(windowedProblems.invalidEscapes).isEqualTo(wholeProblems.invalidEscapes);
        assertThat(windowedProblems.numbersAsText).isEqualTo(wholeProblems.numbersAsText);
        assertThat(windowedProblems.unterminated).isEqualTo(wholeProblems.unterminated);
    }
}
