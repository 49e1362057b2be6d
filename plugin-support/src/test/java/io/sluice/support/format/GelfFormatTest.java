package io.sluice.support.format;

import static io.sluice.support.format.SpecChunks.format;
import static io.sluice.support.format.SpecChunks.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GelfFormatTest {

    private static final FormatOptions GELF = FormatOptions.of(Format.GELF);

    private static String gelf(FormatOptions options, Map<String, ?> body) throws FormatException {
        return format(options, single(1700000000L, 123456789, b -> b.writeValue(body)));
    }

    private static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void specExampleByteForByte() throws FormatException {
        Map<String, Object> body = body("short_message", "hello", "host", "web1", "level", "err",
                "user", body("id", 7, "name", "bob"), "tags", List.of("a", "b"), "ok", true, "n", null,
                "ratio", 0.5);

        assertThat(gelf(GELF, body)).isEqualTo("{\"version\":\"1.1\", \"short_message\":\"hello\", \"host\":\"web1\","
                + " \"level\":3, \"_user_id\":7, \"_user_name\":\"bob\", \"_tags\":\"a, b\", \"_ok\":\"true\","
                + " \"_ratio\":0.500000, \"timestamp\":1700000000.123}\n");
    }

    @Test
    void levelAcceptsDigitsSyslogNamesAndIntegersAndKeepsOtherStrings() throws FormatException {
        assertThat(gelf(GELF, body("short_message", "m", "level", "5"))).contains(", \"level\":5,");
        assertThat(gelf(GELF, body("short_message", "m", "level", "WARNING"))).contains(", \"level\":4,");
        assertThat(gelf(GELF, body("short_message", "m", "level", 6))).contains(", \"level\":6,");
        assertThat(gelf(GELF, body("short_message", "m", "level", "loud"))).contains(", \"level\":\"loud\",");
    }

    @Test
    void levelOfAnotherTypeFailsTheChunkNamingTheRecord() {
        EventBuffer b = new EventBuffer(64);
        b.writeEvent(new io.sluice.support.event.EventTime(1, 0), body("short_message", "fine"));
        b.writeEvent(new io.sluice.support.event.EventTime(1, 0), body("short_message", "m", "level", 2.5));

        assertThatThrownBy(() -> format(GELF, EventChunk.of("t", b.toByteArray(), 2)))
                .isInstanceOf(FormatException.class)
                .hasMessage("record 1: level must be an integer or a string");
    }

    @Test
    void missingShortMessageFailsWithFluentBitsMessage() {
        assertThatThrownBy(() -> gelf(GELF, body("message", "m")))
                .isInstanceOf(FormatException.class)
                .hasMessage("record 0: missing short_message key");
        assertThatThrownBy(() -> gelf(GELF, body("short_message", null)))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void configuredKeysAreRenamedAndOnlyTheirFirstOccurrenceKept() throws FormatException {
        FormatOptions options = GELF.withGelfKeys("log", "stack", "hostname", "severity", "ts");
        EventBuffer b = new EventBuffer(64);
        b.beginEvent(1700000000L, 0);
        b.writeMapHeader(6);
        b.writeString("log");
        b.writeString("first");
        b.writeString("log");
        b.writeString("second");
        b.writeString("hostname");
        b.writeString("h1");
        b.writeString("stack");
        b.writeString("trace");
        b.writeString("severity");
        b.writeString("debug");
        b.writeString("ts");
        b.writeDouble(1.5);
        b.endEvent();

        assertThat(format(options, EventChunk.of("t", b.toByteArray(), 1)))
                .isEqualTo("{\"version\":\"1.1\", \"short_message\":\"first\", \"host\":\"h1\", \"full_message\":\"trace\","
                        + " \"level\":7, \"timestamp\":1.500000}\n");
    }

    @Test
    void keysAreSanitisedIdDroppedAndArrayItemsEscaped() throws FormatException {
        Map<String, Object> body = body("short_message", "m", "id", 1, "wéird key!", "x",
                "quotes", List.of("a\"b", 1, 2.5, false));

        assertThat(gelf(GELF, body)).isEqualTo("{\"version\":\"1.1\", \"short_message\":\"m\", \"_w__ird_key_\":\"x\","
                + " \"_quotes\":\"a\\\"b, 1, 2.500000, false\", \"timestamp\":1700000000.123}\n");
    }

    @Test
    void stringsAreAlwaysUnicodeEscaped() throws FormatException {
        assertThat(gelf(GELF.withEscapeUnicode(false), body("short_message", "héllo")))
                .contains("\"short_message\":\"h\\u00e9llo\"");
    }

    @Test
    void everyRecordIsOneLine() throws FormatException {
        EventBuffer b = new EventBuffer(64);
        b.writeEvent(new io.sluice.support.event.EventTime(1, 5_000_000), body("short_message", "a"));
        b.writeEvent(new io.sluice.support.event.EventTime(2, 0), body("short_message", "b"));
        ByteSink out = new ByteSink(16);

        new EventFormatter(GELF).format(EventChunk.of("t", b.toByteArray(), 2), out);

        assertThat(out.toString()).isEqualTo(
                "{\"version\":\"1.1\", \"short_message\":\"a\", \"timestamp\":1.005}\n"
                + "{\"version\":\"1.1\", \"short_message\":\"b\", \"timestamp\":2.000}\n");
    }
}
