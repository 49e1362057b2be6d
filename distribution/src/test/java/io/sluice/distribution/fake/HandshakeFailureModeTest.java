package io.sluice.distribution.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeFailureModeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeWebSocketServer server;

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void refuseConnectionRefusesTcpUntilTheModeIsLifted() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.REFUSE_CONNECTION);
        int port = server.port();

        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);

        server.setFailureMode(FailureMode.NONE);
        try (RawClient client = RawClient.upgraded(port)) {
            assertThat(server.port()).isEqualTo(port);
        }
        assertThat(server.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void noUpgradeAnswerAcceptsAndReadsTheRequestButNeverAnswers() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.NO_UPGRADE_ANSWER);
        try (RawClient client = RawClient.connect(server.port())) {
            client.setReadTimeoutMillis(500);

            assertThatThrownBy(() -> client.upgrade("/", RawClient.randomKey()))
                    .isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(server.handshakes()).hasSize(1);
        assertThat(server.handshakesCompleted()).isZero();
    }

    @Test
    void http403AnswersForbiddenWithABodyAndCloses() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.HTTP_403);
        try (RawClient client = RawClient.connect(server.port())) {
            String head = client.upgrade("/", RawClient.randomKey());

            assertThat(head).startsWith("HTTP/1.1 403 Forbidden\r\n");
            assertThat(new String(client.readToEnd(), StandardCharsets.UTF_8)).isEqualTo("forbidden by the fake server\n");
        }
        assertThat(server.handshakesCompleted()).isZero();
    }

    @Test
    void http403IsRefusedByAWebSocketClient() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.HTTP_403);
        RecordingClient client = new RecordingClient(server.uri("/"));

        assertThat(client.open()).isFalse();
        assertThat(client.opened).isFalse();
    }

    @Test
    void wrongAcceptAnswers101WithAnAcceptThatDoesNotMatchTheKey() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.WRONG_ACCEPT);
        try (RawClient client = RawClient.connect(server.port())) {
            String head = client.upgrade("/", "dGhlIHNhbXBsZSBub25jZQ==");

            assertThat(head).startsWith("HTTP/1.1 101 ").contains("Sec-WebSocket-Accept: ")
                    .doesNotContain("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        }
        assertThat(server.handshakesCompleted()).isZero();
    }

    @Test
    void wrongAcceptIsRejectedByAWebSocketClient() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.WRONG_ACCEPT);
        RecordingClient client = new RecordingClient(server.uri("/"));

        assertThat(client.open()).isFalse();
        assertThat(client.opened).isFalse();
        assertThat(client.closes).singleElement().satisfies(c -> assertThat(c.code()).isEqualTo(1002));
    }

    @Test
    void aHandshakeModeLiftedAtRuntimeAppliesToTheNextConnection() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.HTTP_403);
        assertThat(new RecordingClient(server.uri("/")).open()).isFalse();

        server.setFailureMode(FailureMode.NONE);
        RecordingClient client = new RecordingClient(server.uri("/"));
        try {
            assertThat(client.open()).isTrue();
        } finally {
            client.closeBlocking();
        }
        server.awaitHandshakes(2, WAIT);
        assertThat(server.handshakesCompleted()).isEqualTo(1);
    }
}
