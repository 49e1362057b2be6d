package io.sluice.distribution.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void stopRefusesConnectionsAndStartListensAgainOnTheSamePort() throws Exception {
        int port = server.port();

        server.stop();
        assertThat(server.isListening()).isFalse();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);

        server.start();
        try (RawClient client = RawClient.upgraded(port)) {
            client.sendText("back");
            server.awaitMessages(1, WAIT);
        }
        assertThat(server.port()).isEqualTo(port);
    }

    @Test
    void stopClosesOpenConnectionsWithGoingAway() throws Exception {
        RecordingClient client = new RecordingClient(server.uri("/"));
        try {
            assertThat(client.open()).isTrue();

            server.stop();

            await().atMost(WAIT).until(() -> !client.closes.isEmpty());
            assertThat(client.closes.get(0).code()).isEqualTo(1001);
        } finally {
            client.closeBlocking();
        }
        server.awaitOpenConnections(0, WAIT);
    }

    @Test
    void flapComesBackOnTheSamePortAfterTheDowntime() throws Exception {
        int port = server.port();
        long start = System.nanoTime();

        server.flap(Duration.ofMillis(300)).get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        try (RawClient client = RawClient.upgraded(port)) {
            assertThat(server.isListening()).isTrue();
        }
    }

    @Test
    void fiftyFlapsInARowLeaveNoConnectionOrThreadBehind() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (RawClient client = RawClient.upgraded(server.port())) {
                client.sendText("flap " + i);
                server.awaitMessages(i + 1, WAIT);
                server.flap(Duration.ZERO).get(5, TimeUnit.SECONDS);
            }
        }

        server.awaitOpenConnections(0, WAIT);
        assertThat(server.connectionsAccepted()).isEqualTo(50);
        await().atMost(WAIT).until(() -> fakeServerThreads() <= 2);
    }

    @Test
    void killAbruptlyResetsOpenConnections() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.sendText("before the kill");
            server.awaitMessages(1, WAIT);

            server.killAbruptly();

            assertThatThrownBy(client::readFrame).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        assertThat(server.isListening()).isFalse();
    }

    @Test
    void closeEndsEveryThreadItStarted() throws Exception {
        try (FakeWebSocketServer other = FakeWebSocketServer.startWith(FailureMode.NO_UPGRADE_ANSWER);
                RawClient stuck = RawClient.connect(other.port())) {
            other.awaitConnectionsAccepted(1, WAIT);
            assertThat(threadsNamed("fake-ws-conn-")).isPositive();
            other.close();
            assertThat(other.openConnections()).isZero();
        }
        server.close();

        assertThat(fakeServerThreads()).isZero();
    }

    private static long fakeServerThreads() {
        return threadsNamed("fake-ws-");
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
