package io.sluice.distribution.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageRecordingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void recordsTextAndBinaryMessagesWithTheirFrameType() throws Exception {
        RecordingClient client = new RecordingClient(server.uri("/"));
        try {
            assertThat(client.open()).isTrue();
            client.send("{\"seq\":1}\n");
            client.send(new byte[] {1, 2, 3});

            List<ReceivedMessage> messages = server.awaitMessages(2, WAIT);

            assertThat(messages).extracting(ReceivedMessage::type).containsExactly(MessageType.TEXT, MessageType.BINARY);
            assertThat(messages.get(0).text()).isEqualTo("{\"seq\":1}\n");
            assertThat(messages.get(1).payload()).containsExactly(1, 2, 3);
            assertThat(messages).extracting(ReceivedMessage::connectionId).containsOnly(1);
            assertThat(server.bytesReceived()).isEqualTo(13);
        } finally {
            client.closeBlocking();
        }
    }

    @Test
    void joinsFragmentsIntoOneMessageWithAPingBetweenThem() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.sendFrame(false, FrameReader.TEXT, "hello ".getBytes(StandardCharsets.UTF_8), true);
            client.send(FrameReader.PING, new byte[] {9});
            client.sendFrame(true, FrameReader.CONTINUATION, "world".getBytes(StandardCharsets.UTF_8), true);

            assertThat(client.readFrame().opcode()).isEqualTo(FrameReader.PONG);
            assertThat(server.awaitMessages(1, WAIT)).singleElement()
                    .satisfies(m -> assertThat(m.text()).isEqualTo("hello world"));
        }
    }

    @Test
    void answersPingWithPongCarryingTheSamePayload() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.send(FrameReader.PING, "are you there".getBytes(StandardCharsets.UTF_8));

            RawClient.Frame pong = client.readFrame();

            assertThat(pong.opcode()).isEqualTo(FrameReader.PONG);
            assertThat(pong.text()).isEqualTo("are you there");
            assertThat(server.pingsAnswered()).isEqualTo(1);
        }
    }

    @Test
    void answersCloseWithCloseAndEndsTheConnection() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.send(FrameReader.CLOSE, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'});

            RawClient.Frame close = client.readFrame();

            assertThat(close.opcode()).isEqualTo(FrameReader.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(client.readToEnd()).isEmpty();
        }
        assertThat(server.closesReceived()).containsExactly(new CloseFrame(1, 1000, "bye"));
        server.awaitOpenConnections(0, WAIT);
    }

    @Test
    void closesWith1007OnInvalidUtf8InATextMessage() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.send(FrameReader.TEXT, new byte[] {'o', 'k', (byte) 0xC3, 0x28});

            RawClient.Frame close = client.readFrame();

            assertThat(close.opcode()).isEqualTo(FrameReader.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1007);
        }
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void rejectsUtf8EncodedSurrogatesAsInvalid() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.send(FrameReader.TEXT, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});

            assertThat(client.readFrame().closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void recordsInvalidUtf8WhenNotStrict() throws Exception {
        server.setStrictUtf8(false);
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.send(FrameReader.TEXT, new byte[] {(byte) 0xC3, 0x28});

            assertThat(server.awaitMessages(1, WAIT).get(0).payload()).containsExactly(0xC3, 0x28);
        }
    }

    @Test
    void acceptsInvalidUtf8InBinaryMessagesWhenStrict() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.send(FrameReader.BINARY, new byte[] {(byte) 0xC3, 0x28});

            assertThat(server.awaitMessages(1, WAIT).get(0).type()).isEqualTo(MessageType.BINARY);
        }
    }

    @Test
    void failsTheConnectionWith1002OnAnUnmaskedFrame() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port())) {
            client.sendFrame(true, FrameReader.TEXT, "plain".getBytes(StandardCharsets.UTF_8), false);

            assertThat(client.readFrame().closeCode()).isEqualTo(1002);
        }
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void failsTheConnectionWith1009OnAMessageOverTheLimit() throws Exception {
        try (FakeWebSocketServer small = FakeWebSocketServer.builder().maxMessageBytes(100).start();
                RawClient client = RawClient.upgraded(small.port())) {
            client.send(FrameReader.BINARY, new byte[101]);

            assertThat(client.readFrame().closeCode()).isEqualTo(1009);
        }
    }
}
