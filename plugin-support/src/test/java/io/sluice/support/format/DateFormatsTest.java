package io.sluice.support.format;

import static io.sluice.support.format.SpecChunks.format;
import static io.sluice.support.format.SpecChunks.r1r2;
import static io.sluice.support.format.SpecChunks.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateFormatsTest {

    private static final String R1_BODY = ",\"key 1\":123456789,\"key 2\":\"abcdefg\"}\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "double             | 1700000000.123457              | 1700000001.0",
        "epoch              | 1700000000                     | 1700000001",
        "epoch_ms           | 1700000000123                  | 1700000001000",
        "iso8601            | \"2023-11-14T22:13:20.123456Z\" | \"2023-11-14T22:13:21.000000Z\"",
        "java_sql_timestamp | \"2023-11-14 22:13:20.123456\"  | \"2023-11-14 22:13:21.000000\""})
    void dateFormatsOfTheSpecTableForR1AndR2(String name, String r1, String r2) throws FormatException {
        FormatOptions options = FormatOptions.of(Format.JSON_LINES).withDateFormat(DateFormat.parse(name));

        String[] lines = format(options, r1r2()).split("\n");

        assertThat(lines[0]).isEqualTo("{\"date\":" + r1 + ",\"key 1\":123456789,\"key 2\":\"abcdefg\"}");
        assertThat(lines[1]).startsWith("{\"date\":" + r2 + ",\"msg\":");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "epoch              | 1700000000",
        "epoch_ms           | 1700000000999",
        "iso8601            | \"2023-11-14T22:13:20.999999Z\"",
        "java_sql_timestamp | \"2023-11-14 22:13:20.999999\""})
    void subSecondPartsAreTruncatedNeverRounded(String name, String expected) throws FormatException {
        FormatOptions options = FormatOptions.of(Format.JSON_LINES).withDateFormat(DateFormat.parse(name));

        String out = format(options, single(1700000000L, 999_999_999, SpecChunks::r1Body));

        assertThat(out).isEqualTo("{\"date\":" + expected + R1_BODY);
    }

    @Test
    void nanosecondTimestampsKeepMicrosecondsInCalendarForms() throws FormatException {
        FormatOptions options = FormatOptions.of(Format.JSON_LINES).withDateFormat(DateFormat.ISO8601);

        String out = format(options, single(951782400L, 1_000, SpecChunks::r1Body));

        assertThat(out).isEqualTo("{\"date\":\"2000-02-29T00:00:00.000001Z\"" + R1_BODY);
    }

    @Test
    void timesBeforeTheEpochUseTheProlepticCalendar() throws FormatException {
        FormatOptions options = FormatOptions.of(Format.JSON_LINES).withDateFormat(DateFormat.JAVA_SQL_TIMESTAMP);

        EventBuffer legacy = new EventBuffer(64);
        legacy.writeArrayHeader(2);
        legacy.writeDouble(-0.5);
        SpecChunks.r1Body(legacy);

        String out = format(options, EventChunk.of("t", legacy.toByteArray(), 1));

        assertThat(out).isEqualTo("{\"date\":\"1969-12-31 23:59:59.500000\"" + R1_BODY);
    }

    @Test
    void dateKeyCanBeRenamedOrLeftOut() throws FormatException {
        assertThat(format(FormatOptions.of(Format.JSON_LINES).withDateKey("@timestamp"),
                single(1700000001L, 0, SpecChunks::r1Body)))
                .isEqualTo("{\"@timestamp\":1700000001.0" + R1_BODY);
        assertThat(format(FormatOptions.of(Format.JSON_LINES).withDateKey(null),
                single(1700000001L, 0, SpecChunks::r1Body)))
                .isEqualTo("{\"key 1\":123456789,\"key 2\":\"abcdefg\"}\n");
    }

    @Test
    void dateFormatNamesAreCaseInsensitiveWithMillisecondAliases() {
        assertThat(DateFormat.parse("ISO8601")).isEqualTo(DateFormat.ISO8601);
        assertThat(DateFormat.parse("epoch_millis")).isEqualTo(DateFormat.EPOCH_MS);
        assertThat(DateFormat.parse("Epoch_Milliseconds")).isEqualTo(DateFormat.EPOCH_MS);
        assertThatThrownBy(() -> DateFormat.parse("rfc3339"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rfc3339").hasMessageContaining("java_sql_timestamp");
    }
}
