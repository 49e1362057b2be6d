package io.sluice.support.format;

import static io.sluice.support.format.SpecChunks.format;
import static io.sluice.support.format.SpecChunks.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.support.event.EventBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A formatter reuses the text of a timestamp for the next record with the same one, and only then. */
class RepeatedTimestampTest {

    private static final long[][] TIMES = {
        {1700000000L, 123_456_789}, {1700000000L, 123_456_789}, {1700000000L, 123_456_790},
        {1700000001L, 123_456_790}, {1700000000L, 123_456_789}, {-1L, 999_999_999}, {-1L, 999_999_999}};

    @ParameterizedTest
    @EnumSource(DateFormat.class)
    void eachRecordShowsItsOwnTimestampWhateverTheRecordBeforeIt(DateFormat dateFormat) throws FormatException {
        FormatOptions options = FormatOptions.of(Format.JSON_LINES).withDateFormat(dateFormat);
        EventBuffer b = new EventBuffer(256);
        StringBuilder oneByOne = new StringBuilder();
        for (long[] t : TIMES) {
            b.beginEvent(t[0], (int) t[1]);
            SpecChunks.r1Body(b);
            b.endEvent();
            oneByOne.append(format(options, single(t[0], (int) t[1], SpecChunks::r1Body)));
        }

        String together = format(options, SpecChunks.chunk(b));

        assertThat(together).isEqualTo(oneByOne.toString());
        assertThat(together.split("\n")[0]).isNotEqualTo(together.split("\n")[3]);
    }
}
