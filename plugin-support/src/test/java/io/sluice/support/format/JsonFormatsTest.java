package io.sluice.support.format;

import static io.sluice.support.format.SpecChunks.format;
import static io.sluice.support.format.SpecChunks.r1r2;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JsonFormatsTest {

    private static final String R1 = "{\"date\":1700000000.123457,\"key 1\":123456789,\"key 2\":\"abcdefg\"}";
    private static final String R2 = "{\"date\":1700000001.0,\"msg\":\"h\\u00e9llo \\\"x\\\"\\n\",\"ratio\":0.5,"
            + "\"count\":2.0,\"ok\":true,\"none\":null}";

    @Test
    void msgpackIsTheChunkBytesAsTheyAre() throws FormatException {
        ByteSink out = new ByteSink(16);
        new EventFormatter(FormatOptions.of(Format.MSGPACK)).format(r1r2(), out);

        assertThat(HexFormat.ofDelimiter(" ").formatHex(out.toByteArray())).isEqualTo(
                "92 92 d7 00 65 53 f1 00 07 5b cd 15 80 82 a5 6b 65 79 20 31 ce 07 5b cd 15"
                + " a5 6b 65 79 20 32 a7 61 62 63 64 65 66 67"
                + " 92 92 d7 00 65 53 f1 01 00 00 00 00 80 85 a3 6d 73 67 ab 68 c3 a9 6c 6c 6f"
                + " 20 22 78 22 0a a5 72 61 74 69 6f cb 3f e0 00 00 00 00 00 00 a5 63 6f 75 6e"
                + " 74 cb 40 00 00 00 00 00 00 00 a2 6f 6b c3 a4 6e 6f 6e 65 c0");
    }

    @Test
    void jsonIsOneArrayWithoutWhitespaceOrNewline() throws FormatException {
        assertThat(format(Format.JSON, r1r2())).isEqualTo("[" + R1 + "," + R2 + "]");
    }

    @Test
    void jsonStreamIsTheObjectsBackToBack() throws FormatException {
        assertThat(format(Format.JSON_STREAM, r1r2())).isEqualTo(R1 + R2);
    }

    @Test
    void jsonLinesEndsEveryObjectWithNewlineIncludingTheLast() throws FormatException {
        assertThat(format(Format.JSON_LINES, r1r2())).isEqualTo(R1 + "\n" + R2 + "\n");
    }

    @Test
    void emptyChunkIsAnEmptyArrayInJsonAndNothingElsewhere() throws FormatException {
        EventChunk empty = SpecChunks.chunk(new EventBuffer(16));

        assertThat(format(Format.JSON, empty)).isEqualTo("[]");
        assertThat(format(Format.JSON_STREAM, empty)).isEmpty();
        assertThat(format(Format.JSON_LINES, empty)).isEmpty();
        assertThat(format(Format.GELF, empty)).isEmpty();
        assertThat(format(Format.MSGPACK, empty)).isEmpty();
    }

    @Test
    void formatAppendsAfterWhatTheSinkAlreadyHolds() throws FormatException {
        ByteSink out = new ByteSink(16);
        out.writeAscii("prefix:");
        new EventFormatter(FormatOptions.of(Format.JSON_STREAM)).format(r1r2(), out);

        assertThat(out.toString()).isEqualTo("prefix:" + R1 + R2);
    }
}
