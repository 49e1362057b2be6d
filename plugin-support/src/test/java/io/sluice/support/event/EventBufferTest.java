package io.sluice.support.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBufferTest {

    private static String hex(EventBuffer b) {
        return HexFormat.ofDelimiter(" ").formatHex(b.array(), 0, b.size());
    }

    @Test
    void encodesTheSpecWorkedExampleByteForByte() {
        EventBuffer b = new EventBuffer(64);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key 1", 123456789L);
        body.put("key 2", "abcdefg");
        b.writeEvent(new EventTime(1700000000L, 123456789), body);

        assertThat(hex(b)).isEqualTo("92 92 d7 00 65 53 f1 00 07 5b cd 15 80 82 a5 6b 65 79 20 31 ce 07 5b cd 15"
                + " a5 6b 65 79 20 32 a7 61 62 63 64 65 66 67");
        assertThat(b.events()).isEqualTo(1);
    }

    @Test
    void deferredMapHeaderShrinksToTheSmallestForm() {
        EventBuffer deferred = new EventBuffer(16);
        int mark = deferred.beginMap();
        for (int i = 0; i < 20; i++) {
            deferred.writeString("k" + i);
            int inner = deferred.beginArray();
            deferred.writeLong(i);
            deferred.endArray(inner, 1);
        }
        deferred.endMap(mark, 20);

        EventBuffer direct = new EventBuffer(16);
        direct.writeMapHeader(20);
        for (int i = 0; i < 20; i++) {
            direct.writeString("k" + i);
            direct.writeArrayHeader(1);
            direct.writeLong(i);
        }
        assertThat(deferred.toByteArray()).isEqualTo(direct.toByteArray());
    }

    @Test
    void decoderRoundTripsEveryValueType() {
        EventBuffer b = new EventBuffer(16);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("neg", -40000L);
        body.put("big", Long.MAX_VALUE);
        body.put("f", 0.5);
        body.put("s", "h\u00e9llo");
        body.put("t", true);
        body.put("n", null);
        body.put("list", List.of(1L, "two"));
        body.put("map", Map.of("a", 1L));
        b.writeEvent(new EventTime(5, 6), body);

        List<Event> events = EventDecoder.decode(b.array(), 0, b.size());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).time()).isEqualTo(new EventTime(5, 6));
        assertThat(events.get(0).body()).containsExactlyEntriesOf(body);
    }

    @Test
    void decoderAcceptsLegacyLayoutAndSkipsGroupMarkers() {
        byte[] legacy = HexFormat.of().parseHex("92" + "ce6553f100" + "81a161" + "01"
                + "9292d700ffffffff0000000080" + "80");
        List<Event> events = EventDecoder.decode(legacy, 0, legacy.length);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).time()).isEqualTo(new EventTime(1700000000L, 0));
        assertThat(events.get(0).body()).containsEntry("a", 1L);
    }
}
