package io.sluice.output.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.EventChunk;
import io.sluice.testkit.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class FrameReuseTest {

    private RecordingServer server;
    private SessionReaper reaper;
    private WebSocketConnection connection;

    @AfterEach
    void tearDown() throws Exception {
        if (connection != null) {
            connection.close(2000);
        }
        if (reaper != null) {
            reaper.drain(2000);
            reaper.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "off"})
    void everyDeliveredChunkAfterTheFirstIsFramedIntoTheSameArrayAndArrivesIntact(String confirm) throws Exception {
        server = RecordingServer.start(0);
        WebSocketSettings settings = WebSocketSettings.from(TestConfigs.of(new WebSocketOutputPlugin(),
                TestConfigs.settings("host", "127.0.0.1", "port", Integer.toString(server.boundPort()),
                        "confirm_delivery", confirm)));
        reaper = new SessionReaper("test");
        connection = new WebSocketConnection(0, settings, SocketFactory.getDefault(), reaper,
                LoggerFactory.getLogger(FrameReuseTest.class));
        List<EventChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chunks.add(Chunks.numbered(i * 20_000L, 20_000 - i * 1000));
        }

        for (EventChunk chunk : chunks) {
            Message message = new Message(false, chunk.data(), chunk.offset(), chunk.length(), 0, chunk.records(),
                    false);
            assertThat(connection.send(List.of(message)).delivered()).isTrue();
        }

        assertThat(connection.framesInReusedArray()).isEqualTo(chunks.size() - 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.messages.size() == chunks.size());
        assertThat(server.messages).extracting(RecordingServer.Received::bytes)
                .containsExactlyElementsOf(chunks.stream().map(EventChunk::data).toList());
    }
}
