package io.sluice.distribution.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.support.event.EventBuffer;
import io.sluice.support.event.EventTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

    @Test
    void jsonLinesSplitsOnNewlines() {
        List<Map<String, Object>> records = RecordFormat.JSON_LINES.split(text("{\"seq\":1}\n{\"seq\":2,\"m\":\"a\\nb\"}\n"));

        assertThat(records).containsExactly(Map.of("seq", 1L), Map.of("seq", 2L, "m", "a\nb"));
    }

    @Test
    void jsonLinesRejectsAMissingTrailingNewline() {
        assertThatThrownBy(() -> RecordFormat.JSON_LINES.split(text("{\"seq\":1}\n{\"seq\":2}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newline");
    }

    @Test
    void jsonLinesRejectsTwoObjectsOnOneLine() {
        assertThatThrownBy(() -> RecordFormat.JSON_LINES.split(text("{\"seq\":1}{\"seq\":2}\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one JSON object");
    }

    @Test
    void jsonSplitsOneArray() {
        assertThat(RecordFormat.JSON.split(text("[{\"seq\":1},{\"seq\":2}]")))
                .extracting(r -> r.get("seq")).containsExactly(1L, 2L);
    }

    @Test
    void jsonRejectsTextAfterTheArray() {
        assertThatThrownBy(() -> RecordFormat.JSON.split(text("[{\"seq\":1}]\n")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonStreamSplitsObjectsBackToBack() {
        assertThat(RecordFormat.JSON_STREAM.split(text("{\"seq\":1}{\"seq\":2}{\"seq\":3}")))
                .extracting(r -> r.get("seq")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aJsonFormatRejectsABinaryFrame() {
        ReceivedMessage binary = new ReceivedMessage(1, MessageType.BINARY, "{\"seq\":1}\n".getBytes(), Instant.now());

        assertThatThrownBy(() -> RecordFormat.JSON_LINES.split(binary)).hasMessageContaining("BINARY frame");
    }

    @Test
    void invalidJsonIsReportedWithTheConnection() {
        assertThatThrownBy(() -> RecordFormat.JSON_STREAM.split(text("{\"seq\":")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connection 1")
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void msgpackDecodesEventBodies() {
        ReceivedMessage message = new ReceivedMessage(1, MessageType.BINARY, events(7, 8), Instant.now());

        assertThat(RecordFormat.MSGPACK.split(message)).extracting(r -> r.get("seq")).containsExactly(7L, 8L);
    }

    @Test
    void msgpackRejectsATextFrame() {
        ReceivedMessage message = new ReceivedMessage(1, MessageType.TEXT, events(7), Instant.now());

        assertThatThrownBy(() -> RecordFormat.MSGPACK.split(message)).hasMessageContaining("TEXT frame");
    }

    @Test
    void autoReadsBinaryAsMsgpackAndTextAsAnyJsonLayout() {
        ReceivedMessage binary = new ReceivedMessage(1, MessageType.BINARY, events(1), Instant.now());

        assertThat(RecordFormat.AUTO.split(binary)).extracting(r -> r.get("seq")).containsExactly(1L);
        assertThat(RecordFormat.AUTO.split(text("[{\"seq\":2}]"))).extracting(r -> r.get("seq")).containsExactly(2L);
        assertThat(RecordFormat.AUTO.split(text("{\"seq\":3}\n{\"seq\":4}\n"))).hasSize(2);
        assertThat(RecordFormat.AUTO.split(text("{\"seq\":5}{\"seq\":6}"))).hasSize(2);
    }

    private static ReceivedMessage text(String s) {
        return new ReceivedMessage(1, MessageType.TEXT, s.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    private static byte[] events(long... seqs) {
        EventBuffer buffer = new EventBuffer(256);
        for (long seq : seqs) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("seq", seq);
            body.put("msg", "hello");
            buffer.writeEvent(new EventTime(1_700_000_000L, 0), body);
        }
        return buffer.toByteArray();
    }
}
