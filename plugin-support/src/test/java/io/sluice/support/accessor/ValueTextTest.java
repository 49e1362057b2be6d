package io.sluice.support.accessor;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.EventChunk;
import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatException;
import io.sluice.support.format.FormatOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTextTest {

    /** C's (and Python's) {@code "%f" % 1.5e300}: the exact binary value, six decimals. */
    private static final String HUGE_FIXED6 = "150000000000000007875714038280663037305670287166223873237378"
            + "117326770368698336229367955706262067179606555666574932581726"
            + "541378485304064586346718827718006047427258080138986370560674"
            + "535069218213508905342985245619991762167855845146132011197911"
            + "4170213741868888183230085264257173504208294580298189100810240.000000";

    /** The JSON formatter's text for {@code {"v": v}}'s value, with Fluent Bit's nan/inf tokens. */
    private static String formatted(double v) throws FormatException {
        EventBuffer b = new EventBuffer(64);
        b.beginEvent(1700000000L, 0);
        b.writeMapHeader(1);
        b.writeString("v");
        b.writeDouble(v);
        b.endEvent();
        EventChunk chunk = new EventChunk("c1", "t", b.toByteArray(), 0, b.size(), b.events());
        ByteSink out = new ByteSink(64);
        new EventFormatter(FormatOptions.of(Format.JSON_STREAM).withDateKey(null).withNanToNull(false))
                .format(chunk, out);
        String json = new String(out.toByteArray(), StandardCharsets.UTF_8).strip();
        assertThat(json).startsWith("{\"v\":").endsWith("}");
        return json.substring(5, json.length() - 1);
    }

    private static String valueText(double v) {
        StringBuilder sb = new StringBuilder();
        ValueText.appendJson(sb, Bodies.reader(Bodies.of(v)));
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "1e15, 1000000000000000.0",
        "1e16, 10000000000000000.0",
        "0.1, 0.1",
        "-0.0, -0.0",
        "1.5e300, 1.5e+300",
        "123.0, 123.0",
        "1e20, 1e+20",
        "NaN, nan",
        "-Infinity, -inf",
    })
    void floatsAreWrittenAsTheJsonFormatterWritesThem(double v, String expected) throws FormatException {
        assertThat(valueText(v)).isEqualTo(formatted(v)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1e15, 1000000000000000.0", "1e16, 10000000000000000.0", "-0.0, -0.0"})
    void aFloatInsideAMapInATagIsTheJsonFormattersText(double v, String expected) throws FormatException {
        StringBuilder sb = new StringBuilder();
        TagTemplate.parse("x.$m").render(sb, "t", null, Bodies.reader(Bodies.pairs("m", Map.of("f", v))), 0);
        assertThat(sb.toString()).isEqualTo("x.{\"f\":" + formatted(v) + "}").isEqualTo("x.{\"f\":" + expected + "}");
    }

    @ParameterizedTest
    @CsvSource({"1e15, 1000000000000000.000000", "0.1, 0.100000", "-0.0, -0.000000", "2.5e-7, 0.000000",
        "1.5e300, " + HUGE_FIXED6})
    void aFloatOnItsOwnInATagIsCsPercentF(double v, String expected) {
        StringBuilder sb = new StringBuilder();
        TagTemplate.parse("$v").render(sb, "t", null, Bodies.reader(Bodies.pairs("v", v)), 0);
        assertThat(sb.toString()).isEqualTo(expected);
    }
}
