package io.sluice.distribution.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void answersTheRfcSampleKeyWithTheRfcSampleAccept() throws Exception {
        try (RawClient client = RawClient.connect(server.port())) {
            String head = client.upgrade("/chat", "dGhlIHNhbXBsZSBub25jZQ==");

            assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")
                    .containsIgnoringCase("Upgrade: websocket").containsIgnoringCase("Connection: Upgrade");
        }
        assertThat(server.handshakesCompleted()).isEqualTo(1);
    }

    @Test
    void recordsRequestLineAndCustomHeaders() throws Exception {
        RecordingClient client = new RecordingClient(server.uri("/logs?x=1"), Map.of("X-Token", "abc 123"));
        try {
            assertThat(client.open()).isTrue();
        } finally {
            client.closeBlocking();
        }

        HandshakeRequest request = server.awaitHandshakes(1, WAIT).get(0);
        assertThat(request.requestLine()).isEqualTo("GET /logs?x=1 HTTP/1.1");
        assertThat(request.path()).isEqualTo("/logs?x=1");
        assertThat(request.header("x-token")).isEqualTo("abc 123");
        assertThat(request.connectionId()).isEqualTo(1);
    }

    @Test
    void recordsTheKeyOfEveryHandshake() throws Exception {
        for (int i = 0; i < 2; i++) {
            RecordingClient client = new RecordingClient(server.uri("/"));
            try {
                assertThat(client.open()).isTrue();
            } finally {
                client.closeBlocking();
            }
        }

        List<HandshakeRequest> requests = server.awaitHandshakes(2, WAIT);
        assertThat(requests).extracting(HandshakeRequest::connectionId).containsExactly(1, 2);
        assertThat(requests.get(0).key()).isNotEqualTo(requests.get(1).key());
        assertThat(server.handshakesCompleted()).isEqualTo(2);
    }

    @Test
    void rejectsAnUpgradeWithoutKeyWith400() throws Exception {
        try (RawClient client = RawClient.connect(server.port())) {
            String head = client.upgrade("/", null);

            assertThat(head).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(new String(client.readToEnd())).contains("Sec-WebSocket-Key");
        }
        assertThat(server.handshakesCompleted()).isZero();
        assertThat(server.handshakes()).hasSize(1);
    }

    @Test
    void rejectsAKeyThatIsNotSixteenBytesWith400() throws Exception {
        try (RawClient client = RawClient.connect(server.port())) {
            assertThat(client.upgrade("/", "c2hvcnQ=")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        }
    }
}
