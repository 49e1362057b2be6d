package io.sluice.distribution.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordCountingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeWebSocketServer server = FakeWebSocketServer.builder().recordFormat(RecordFormat.JSON_LINES)
            .start();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void awaitSeqsReturnsOnceEveryNumberHasArrivedAndCountsDuplicates() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.sendText("{\"seq\":1}\n{\"seq\":2}\n");
            client.sendText("{\"seq\":2}\n{\"seq\":3}\n");

            ReceivedRecords records = server.awaitSeqs("seq", 1, 3, WAIT);

            assertThat(records.distinctCount()).isEqualTo(3);
            assertThat(records.duplicates()).isEqualTo(1);
        }
    }

    @Test
    void awaitSeqsFailsNamingWhatIsMissing() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.sendText("{\"seq\":1}\n{\"seq\":3}\n");
            server.awaitRecords(2, WAIT);

            assertThatThrownBy(() -> server.awaitSeqs("seq", 1, 3, Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("1 missing (first [2])");
        }
    }

    @Test
    void recordsFromSeveralConnectionsAreCountedTogether() throws Exception {
        try (RawClient first = RawClient.upgraded(server.port()); RawClient second = RawClient.upgraded(server.port())) {
            first.sendText("{\"seq\":1}\n");
            second.sendText("{\"seq\":2}\n");

            assertThat(server.awaitRecords(2, WAIT)).hasSize(2);
        }
        assertThat(server.messages()).extracting(ReceivedMessage::connectionId).containsExactlyInAnyOrder(1, 2);
    }
}
