package io.sluice.output.websocket;

import static io.sluice.output.websocket.OutputHarness.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.sluice.api.EventChunk;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.output.websocket.ScriptedServer.Behaviour;
import io.sluice.testkit.TestConfigs;
import io.sluice.testkit.TestOutputContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.net.SocketFactory;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the server closes: nothing more is sent on that connection (RFC 6455 section 5.5.1), the connection is not
 * waited on forever, the chunk goes on from the last record the server confirmed, and a server that closes every
 * connection is not reconnected to in a tight loop.
 */
class ServerCloseTest {

    private final OutputHarness harness = new OutputHarness();
    private ScriptedServer scripted;
    private RecordingServer real;
    private SessionReaper reaper;

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        if (reaper != null) {
            reaper.drain(1000);
            reaper.close();
        }
        if (scripted != null) {
            scripted.close();
        }
        if (real != null) {
            real.close();
        }
    }

    @Test
    void framesQueuedWhenTheServersCloseArrivesAreNeverSent() throws Exception {
        scripted = new ScriptedServer(Behaviour.SENDS_CLOSE_WHEN_TOLD_THEN_READS);
        reaper = new SessionReaper("test");
        WebSocketSettings settings = WebSocketSettings.from(TestConfigs.of(new WebSocketOutputPlugin(),
                TestConfigs.settings("host", "127.0.0.1", "port", Integer.toString(scripted.port()))));
        OutageLog outage = new OutageLog(org.slf4j.LoggerFactory.getLogger(ServerCloseTest.class), "test", 0);
        ClientSession session = new SessionOpener(settings, SocketFactory.getDefault(), reaper, outage).open();
        assertThat(session).isNotNull();
        // the server reads nothing: 64 MB of messages pile up in the library's queue behind the socket buffers
        byte[] payload = new byte[1024 * 1024];
        int messages = 64;
        for (int i = 0; i < messages; i++) {
            session.sendData(new Message(false, payload, 0, payload.length, i, i + 1, false));
        }
        WebSocketImpl connection = (WebSocketImpl) session.getConnection();
        assertThat(connection.outQueue).as("frames waiting to be written").hasSizeGreaterThan(messages / 2);

        scripted.sendCloseNow();

        await().atMost(Duration.ofSeconds(10)).until(session::closeFrameReceived);
        assertThatThrownBy(() -> session.sendData(new Message(false, payload, 0, 10, 0, 1, false)))
                .isInstanceOf(WebsocketNotConnectedException.class);
        assertThat(session.closeFrameCode()).isEqualTo(1001);
        assertThat(session.awaitEnd(5000)).as("the library answers the Close and ends the connection").isTrue();
        assertThat(scripted.clientEnded.await(10, TimeUnit.SECONDS)).as("the client closed the TCP connection")
                .isTrue();
        // what arrives after the server's Close is at most what was already in the socket buffers when it came
        long sentAfterClose = scripted.dataBytesAfterClose.get();
        assertThat(sentAfterClose).as("data bytes after the server's Close").isLessThan(messages / 2L * payload.length);
    }

    @Test
    void aChunkCutShortByTheServerGoesOnFromTheLastConfirmedRecordOnANewConnection() throws Exception {
        real = RecordingServer.start(0);
        // Pings follow every 16 records; closing after the 20th message leaves 16 confirmed and 4 taken unconfirmed
        real.closeEachConnectionAfter(20);
        TestOutputContext context = context(real.boundPort(), Map.of("format", "msgpack", "message_mode", "record"));
        Output out = harness.start(context);
        // a flush tries a bounded number of connections: core's retries of the chunk go on where it stopped
        int records = 300;
        EventChunk chunk = Chunks.numbered(0, records);
        FlushResult result = out.flush(chunk, 0);
        int flushes = 1;
        while (result != FlushResult.OK && flushes < 10) {
            result = out.flush(chunk.copy(), 0);
            flushes++;
        }

        assertThat(result).isEqualTo(FlushResult.OK);
        assertThat(flushes).as("the chunk needed more than one flush").isGreaterThan(1);
        Map<Long, Integer> copies = new HashMap<>();
        Chunks.received(real).forEach(seq -> copies.merge(seq, 1, Integer::sum));
        assertThat(new TreeSet<>(copies.keySet())).containsExactlyElementsOf(
                LongStream.range(0, records).boxed().toList());
        int duplicates = copies.values().stream().mapToInt(c -> c - 1).sum();
        // the 4 records after the last Ping of each connection (more only if this server's reset ate a Pong)
        assertThat(duplicates).as("records sent again").isGreaterThanOrEqualTo(4 * real.closedByServer.get())
                .isLessThanOrEqualTo(20 * real.closedByServer.get());
        assertThat(context.counter("confirmed_records")).isEqualTo(records);
        // (this server sometimes resets the connection before its Close arrives: that one is a lost connection)
        assertThat(context.log().atOrAbove(Level.WARN)).as("a server closing after confirming data is no outage")
                .filteredOn(l -> !l.contains("connection lost")).isEmpty();
    }

    @Test
    void aServerThatClosesEveryConnectionIsNotReconnectedToInATightLoop() throws Exception {
        scripted = new ScriptedServer(Behaviour.CLOSES_EVERY_CONNECTION);
        TestOutputContext context = context(scripted.port(), Map.of());
        Output out = harness.start(context);

        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(out.flush(Chunks.numbered(0, 10), 0)).isEqualTo(FlushResult.RETRY);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(scripted.connections.get()).isEqualTo(5);
        // the waits between the 5 connections: 100 + 200 + 400 + 800 ms at least
        assertThat(elapsedMillis).as("connections are paced").isGreaterThanOrEqualTo(1500);
        assertThat(context.log().atOrAbove(Level.INFO)).as("a line for the outage, not one per connection")
                .hasSizeLessThanOrEqualTo(2).anyMatch(l -> l.contains("code 1011"));
    }

    @Test
    void aChunkTheServerTookButClosedBeforeConfirmingIsRetried() throws Exception {
        real = RecordingServer.start(0);
        real.closeEachConnectionAfter(1);
        TestOutputContext context = context(real.boundPort(), Map.of());
        Output out = harness.start(context);

        // the server reads the chunk, then closes; the Ping behind the chunk is not answered, so it is retried
        assertThat(out.flush(Chunks.numbered(0, 10), 0)).isEqualTo(FlushResult.RETRY);
        Set<Long> received = new TreeSet<>(Chunks.received(real));
        assertThat(received).containsExactlyElementsOf(LongStream.range(0, 10).boxed().toList());
        assertThat(context.counter("confirmed_records")).as("not confirmed: the server closed first").isZero();
    }
}
