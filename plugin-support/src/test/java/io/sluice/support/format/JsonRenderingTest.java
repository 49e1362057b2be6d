package io.sluice.support.format;

import static io.sluice.support.format.SpecChunks.format;
import static io.sluice.support.format.SpecChunks.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JsonRenderingTest {

    private static final FormatOptions NO_DATE = FormatOptions.of(Format.JSON_STREAM).withDateKey(null);

    private static String body(FormatOptions options, Consumer<EventBuffer> body) throws FormatException {
        return format(options, single(1700000000L, 0, body));
    }

    private static String value(FormatOptions options, Consumer<EventBuffer> value) throws FormatException {
        String out = body(options, b -> {
            b.writeMapHeader(1);
            b.writeString("v");
            value.accept(b);
        });
        assertThat(out).startsWith("{\"v\":").endsWith("}");
        return out.substring(5, out.length() - 1);
    }

    private static String value(Consumer<EventBuffer> value) throws FormatException {
        return value(NO_DATE, value);
    }

    private static String string(FormatOptions options, byte[] utf8) throws FormatException {
        return value(options, b -> b.writeString(utf8, 0, utf8.length));
    }

    @Test
    void nonAsciiIsEscapedAsLowerCaseUnicodeWithSurrogatePairsForAstralPlanes() throws FormatException {
        assertThat(string(NO_DATE, "é€😀".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("\"\\u00e9\\u20ac\\ud83d\\ude00\"");
    }

    @Test
    void withUnicodeEscapingOffNonAsciiStaysRawUtf8() throws FormatException {
        assertThat(string(NO_DATE.withEscapeUnicode(false), "é€😀".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("\"é€😀\"");
    }

    @Test
    void controlCharactersUseShortFormsOrLowerCaseHexAndSlashIsKept() throws FormatException {
        byte[] raw = {'"', '\\', '/', '\n', '\r', '\t', '\b', '\f', 0x01, 0x1f, 0x7f, 'a'};

        assertThat(string(NO_DATE, raw)).isEqualTo("\"\\\"\\\\/\\n\\r\\t\\b\\f\\u0001\\u001f\\u007fa\"");
    }

    @Test
    void invalidUtf8BytesBecomeTheReplacementCharacter() throws FormatException {
        byte[] raw = {'a', (byte) 0xff, 'b', (byte) 0xc3, (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xe2,
            (byte) 0x82};

        assertThat(string(NO_DATE, raw))
                .isEqualTo("\"a\\ufffdb\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
        assertThat(string(NO_DATE.withEscapeUnicode(false), new byte[] {'a', (byte) 0xff, 'b'}))
                .isEqualTo("\"a\uFFFDb\"");
    }

    @Test
    void nestedMapsAndArraysKeepTheirOrder() throws FormatException {
        String out = value(b -> {
            b.writeMapHeader(2);
            b.writeString("list");
            b.writeArrayHeader(3);
            b.writeLong(1);
            b.writeArrayHeader(0);
            b.writeMapHeader(1);
            b.writeString("deep");
            b.writeArrayHeader(2);
            b.writeBoolean(false);
            b.writeNil();
            b.writeString("empty");
            b.writeMapHeader(0);
        });

        assertThat(out).isEqualTo("{\"list\":[1,[],{\"deep\":[false,null]}],\"empty\":{}}");
    }

    @Test
    void binaryValuesAreStringsAndExtValuesAreHexEscapeStrings() throws FormatException {
        byte[] bin = {'o', 'k', 0x00};
        assertThat(value(b -> b.writeBinary(bin, 0, bin.length))).isEqualTo("\"ok\\u0000\"");
        assertThat(value(b -> {
            b.write(0xd5);
            b.write(0x07);
            b.write(0x0a);
            b.write(0xff);
        })).isEqualTo("\"\\\\x0a\\\\xff\"");
    }

    @Test
    void integersCoverTheWholeSignedAndUnsignedRange() throws FormatException {
        assertThat(value(b -> b.writeLong(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        assertThat(value(b -> b.writeLong(-33))).isEqualTo("-33");
        assertThat(value(b -> b.writeUnsignedLong(-1L))).isEqualTo("18446744073709551615");
    }

    @Test
    void floatsFollowFluentBitsIntegralOrSixteenDigitRule() throws FormatException {
        assertThat(value(b -> b.writeDouble(2.0))).isEqualTo("2.0");
        assertThat(value(b -> b.writeDouble(1e15))).isEqualTo("1000000000000000.0");
        assertThat(value(b -> b.writeDouble(-0.0))).isEqualTo("-0.0");
        assertThat(value(b -> b.writeDouble(0.1))).isEqualTo("0.1");
        assertThat(value(b -> b.writeDouble(1e-05))).isEqualTo("1e-05");
        assertThat(value(b -> b.writeDouble(1e20))).isEqualTo("1e+20");
        assertThat(value(b -> b.writeDouble(-1234.5678))).isEqualTo("-1234.5678");
        assertThat(value(b -> b.writeDouble(1.0 / 3))).isEqualTo("0.3333333333333333");
    }

    @Test
    void nonFiniteFloatsAreNullUnlessFluentBitTokensAreAskedFor() throws FormatException {
        assertThat(value(b -> b.writeDouble(Double.NaN))).isEqualTo("null");
        assertThat(value(b -> b.writeDouble(Double.NEGATIVE_INFINITY))).isEqualTo("null");
        FormatOptions literal = NO_DATE.withNanToNull(false);
        assertThat(value(literal, b -> b.writeDouble(Double.NaN))).isEqualTo("nan");
        assertThat(value(literal, b -> b.writeDouble(Double.POSITIVE_INFINITY))).isEqualTo("inf");
    }

    @Test
    void onlyTheLastOccurrenceOfADuplicateKeyIsWritten() throws FormatException {
        String out = body(NO_DATE, b -> {
            b.writeMapHeader(4);
            b.writeString("a");
            b.writeLong(1);
            b.writeString("b");
            b.writeMapHeader(2);
            b.writeString("x");
            b.writeLong(1);
            b.writeString("x");
            b.writeLong(2);
            b.writeString("a");
            b.writeLong(3);
            b.writeString("c");
            b.writeLong(4);
        });

        assertThat(out).isEqualTo("{\"b\":{\"x\":2},\"a\":3,\"c\":4}");
    }

    @Test
    void aBodyDateKeyReplacesTheInjectedTimestamp() throws FormatException {
        String out = body(FormatOptions.of(Format.JSON_STREAM), b -> {
            b.writeMapHeader(2);
            b.writeString("date");
            b.writeString("yesterday");
            b.writeString("k");
            b.writeLong(1);
        });

        assertThat(out).isEqualTo("{\"date\":\"yesterday\",\"k\":1}");
    }

    @Test
    void nonMapBodyIsWrittenUnderLog() throws FormatException {
        assertThat(body(FormatOptions.of(Format.JSON_STREAM), b -> b.writeString("plain")))
                .isEqualTo("{\"date\":1700000000.0,\"log\":\"plain\"}");
    }

    @Test
    void nonEmptyMetadataIsWrittenUnderInternalAfterTheDate() throws FormatException {
        EventBuffer b = new EventBuffer(64);
        b.writeArrayHeader(2);
        b.writeArrayHeader(2);
        b.writeLong(1700000000L);
        b.writeMapHeader(1);
        b.writeString("trace");
        b.writeString("t1");
        b.writeMapHeader(1);
        b.writeString("k");
        b.writeLong(1);

        assertThat(format(Format.JSON_STREAM, EventChunk.of("t", b.toByteArray(), 1)))
                .isEqualTo("{\"date\":1700000000.0,\"__internal__\":{\"log_metadata\":{\"trace\":\"t1\"}},\"k\":1}");
    }

    @Test
    void nonStringKeysAreWrittenAsStringsToStayValidJson() throws FormatException {
        String out = body(NO_DATE, b -> {
            b.writeMapHeader(2);
            b.writeLong(7);
            b.writeString("seven");
            b.writeBoolean(true);
            b.writeNil();
        });

        assertThat(out).isEqualTo("{\"7\":\"seven\",\"true\":null}");
    }
}
