package io.sluice.distribution.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionFailureModeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeWebSocketServer server;

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void dropMidFrameRecordsNMessagesThenResetsHalfWayThroughTheNext() throws Exception {
        server = FakeWebSocketServer.builder().failureMode(FailureMode.DROP_MID_FRAME).messagesBeforeFailure(2).start();
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.sendText("one");
            client.sendText("two");
            client.send(FrameReader.BINARY, new byte[4000]);

            assertThatThrownBy(client::readFrame).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        assertThat(server.messages()).extracting(ReceivedMessage::text).containsExactly("one", "two");
        assertThat(server.framesCutOff()).isEqualTo(1);
    }

    @Test
    void noPongIgnoresPingsButKeepsRecordingData() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.NO_PONG);
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.send(FrameReader.PING, new byte[] {1});
            client.sendText("after the ping");

            server.awaitMessages(1, WAIT);
            assertThat(server.pingsIgnored()).isEqualTo(1);
            client.setReadTimeoutMillis(300);
            assertThatThrownBy(client::readFrame).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(server.pingsAnswered()).isZero();
    }

    @Test
    void noPongLiftedAtRuntimeAnswersTheNextPingOnTheSameConnection() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.NO_PONG);
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.send(FrameReader.PING, new byte[] {1});
            server.awaitPingsIgnored(1, WAIT);

            server.setFailureMode(FailureMode.NONE);
            client.send(FrameReader.PING, new byte[] {2});

            RawClient.Frame pong = client.readFrame();
            assertThat(pong.opcode()).isEqualTo(FrameReader.PONG);
            assertThat(pong.payload()).containsExactly(2);
        }
    }

    @Test
    void noPongLeavesAWebSocketClientsPingUnanswered() throws Exception {
        server = FakeWebSocketServer.startWith(FailureMode.NO_PONG);
        RecordingClient client = new RecordingClient(server.uri("/"));
        try {
            assertThat(client.open()).isTrue();
            client.sendPing();
            client.send("data");

            server.awaitPingsIgnored(1, WAIT);
            server.awaitMessages(1, WAIT);
            assertThat(client.pongs).hasValue(0);
        } finally {
            client.closeBlocking();
        }
    }

    @Test
    void close1011AfterNClosesEachConnectionAfterItsNthMessage() throws Exception {
        server = FakeWebSocketServer.builder().failureMode(FailureMode.CLOSE_1011_AFTER_N).messagesBeforeFailure(3)
                .start();
        RecordingClient client = new RecordingClient(server.uri("/"));
        try {
            assertThat(client.open()).isTrue();
            for (int i = 1; i <= 3; i++) {
                client.send("m" + i);
            }

            await().atMost(WAIT).until(() -> !client.closes.isEmpty());
            assertThat(client.closes.get(0).code()).isEqualTo(1011);
            assertThat(client.closes.get(0).remote()).isTrue();
        } finally {
            client.closeBlocking();
        }
        assertThat(server.messages()).extracting(ReceivedMessage::text).containsExactly("m1", "m2", "m3");
    }

    @Test
    void close1011AfterNDiscardsWhatArrivesAfterTheCloseFrame() throws Exception {
        server = FakeWebSocketServer.builder().failureMode(FailureMode.CLOSE_1011_AFTER_N).messagesBeforeFailure(1)
                .start();
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.sendText("kept");
            assertThat(client.readFrame().closeCode()).isEqualTo(1011);

            client.sendText("too late");
            client.send(FrameReader.CLOSE, new byte[] {0x03, (byte) 0xE8});

            assertThat(client.readToEnd()).isEmpty();
        }
        assertThat(server.messages()).extracting(ReceivedMessage::text).containsExactly("kept");
        assertThat(server.messagesDiscarded()).isEqualTo(1);
    }

    @Test
    void close1009AboveLimitRefusesALargerMessageOnItsHeaderAndClosesOnceTheClientAnswers() throws Exception {
        server = FakeWebSocketServer.builder().failureMode(FailureMode.CLOSE_1009_ABOVE_LIMIT).messageSizeLimit(1000)
                .start();
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.send(FrameReader.BINARY, new byte[1000]);
            client.send(FrameReader.BINARY, new byte[1001]);

            RawClient.Frame close = client.readFrame();
            assertThat(close.opcode()).isEqualTo(FrameReader.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
            client.sendText("after the close");
            client.send(FrameReader.CLOSE, new byte[] {0x03, (byte) 0xF1});
            assertThat(client.readToEnd()).isEmpty();
        }
        assertThat(server.messages()).extracting(ReceivedMessage::size).containsExactly(1000);
        assertThat(server.tooBigCloses()).isEqualTo(1);
        assertThat(server.messagesDiscarded()).as("the refused message is not counted, later ones are").isEqualTo(1);
    }

    @Test
    void closeThenKeepOpenClosesAfterNMessagesAndKeepsTheConnectionOpenAfterTheClientsClose() throws Exception {
        server = FakeWebSocketServer.builder().failureMode(FailureMode.CLOSE_THEN_KEEP_OPEN).messagesBeforeFailure(3)
                .start();
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.sendText("m1");
            client.send(FrameReader.PING, new byte[] {1});
            assertThat(client.readFrame().opcode()).isEqualTo(FrameReader.PONG);
            client.sendText("m2");
            client.sendText("m3");

            RawClient.Frame close = client.readFrame();
            assertThat(close.closeCode()).isEqualTo(1001);
            client.sendText("m4, after the close");
            client.send(FrameReader.CLOSE, new byte[] {0x03, (byte) 0xE8});
            server.awaitClosesReceived(1, WAIT);
            client.setReadTimeoutMillis(300);
            assertThatThrownBy(client::readFrame).as("neither a close answer nor the end of the stream")
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(server.openConnections()).isEqualTo(1);
        }
        server.awaitOpenConnections(0, WAIT);
        assertThat(server.messages()).extracting(ReceivedMessage::text).containsExactly("m1", "m2", "m3");
        assertThat(server.messagesDiscarded()).isEqualTo(1);
        assertThat(server.messagesUnconfirmedAtClose()).as("m2 and m3 came after the last Pong").isEqualTo(2);
    }

    @Test
    void closeEveryConnectionClosesRightAfterTheUpgradeWithTheConfiguredCode() throws Exception {
        server = FakeWebSocketServer.builder().failureMode(FailureMode.CLOSE_EVERY_CONNECTION).closeCode(1013)
                .start();
        for (int i = 0; i < 2; i++) {
            try (RawClient client = RawClient.upgraded(server.port())) {
                assertThat(client.readFrame().closeCode()).isEqualTo(1013);
                client.sendText("discarded");
                client.send(FrameReader.CLOSE, new byte[] {0x03, (byte) 0xE8});
                assertThat(client.readToEnd()).isEmpty();
            }
        }
        assertThat(server.messages()).isEmpty();
        assertThat(server.closesSent()).isEqualTo(2);
        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void slowReaderKeepsThroughputUnderTwiceTheConfiguredRate() throws Exception {
        int rate = 32 * 1024;
        server = FakeWebSocketServer.builder().failureMode(FailureMode.SLOW_READER).slowReadBytesPerSecond(rate)
                .receiveBufferBytes(4096).start();
        byte[] message = new byte[4096];
        int messages = 16;
        try (RawClient client = RawClient.upgraded(server.port())) {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                client.send(FrameReader.BINARY, message);
            }
            server.awaitMessages(messages, Duration.ofSeconds(20));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(server.bytesReceived() / seconds).isLessThan(2.0 * rate);
        }
    }

    @Test
    void idleCloseClosesAConnectionWithoutDataWith1001() throws Exception {
        server = FakeWebSocketServer.builder().failureMode(FailureMode.IDLE_CLOSE).idleTimeout(Duration.ofMillis(300))
                .start();
        RecordingClient client = new RecordingClient(server.uri("/"));
        try {
            assertThat(client.open()).isTrue();

            await().atMost(WAIT).until(() -> !client.closes.isEmpty());
            assertThat(client.closes.get(0).code()).isEqualTo(1001);
        } finally {
            client.closeBlocking();
        }
        server.awaitOpenConnections(0, WAIT);
    }

    @Test
    void idleCloseIsNotPutOffByPings() throws Exception {
        server = FakeWebSocketServer.builder().failureMode(FailureMode.IDLE_CLOSE).idleTimeout(Duration.ofMillis(300))
                .start();
        try (RawClient client = RawClient.upgraded(server.port())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            RawClient.Frame frame;
            do {
                client.send(FrameReader.PING, new byte[0]);
                frame = client.readFrame();
            } while (frame.opcode() == FrameReader.PONG && System.nanoTime() < deadline);

            assertThat(frame.opcode()).isEqualTo(FrameReader.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1001);
        }
    }
}
