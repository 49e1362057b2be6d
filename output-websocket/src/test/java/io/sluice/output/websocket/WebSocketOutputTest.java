package io.sluice.output.websocket;

import static io.sluice.output.websocket.OutputHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.EventChunk;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.testkit.TestConfigs;
import io.sluice.testkit.TestOutputContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSocketOutputTest {

    private final OutputHarness harness = new OutputHarness();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private RecordingServer server(int port) throws Exception {
        RecordingServer s = RecordingServer.start(port);
        servers.add(s);
        return s;
    }

    private Output output(int port, Map<String, String> extra, int workers) throws Exception {
        Map<String, String> settings = new java.util.LinkedHashMap<>(extra);
        settings.put("host", "127.0.0.1");
        settings.put("port", Integer.toString(port));
        return harness.start(TestOutputContext.of(new WebSocketOutputPlugin(), settings, workers));
    }

    @Test
    void msgpackChunkArrivesByteForByteInOneBinaryFrame() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of(), 1);
        EventChunk chunk = Chunks.numbered(0, 50);

        assertThat(out.flush(chunk, 0)).isEqualTo(FlushResult.OK);

        assertThat(server.messages).hasSize(1);
        assertThat(server.messages.get(0).text()).isFalse();
        assertThat(server.messages.get(0).bytes()).isEqualTo(chunk.data());
    }

    @Test
    void payloadsOfEveryFrameLengthClassArriveIntact() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of(), 1);
        List<EventChunk> chunks = new ArrayList<>();
        long seq = 0;
        for (int records : new int[] {1, 2, 3, 40, 1200, 1201, 20_000}) {
            chunks.add(Chunks.numbered(seq, records));
            seq += records;
        }

        for (EventChunk chunk : chunks) {
            assertThat(out.flush(chunk, 0)).isEqualTo(FlushResult.OK);
        }

        assertThat(server.messages).extracting(RecordingServer.Received::bytes)
                .containsExactlyElementsOf(chunks.stream().map(EventChunk::data).toList());
    }

    @Test
    void chunksOfChangingSizesArriveIntactWithoutConfirmationWhileTheFrameArrayIsReused() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of("confirm_delivery", "off"), 1);
        List<EventChunk> chunks = new ArrayList<>();
        long seq = 0;
        for (int records : new int[] {20_000, 3, 20_000, 1200, 40_000, 1, 20_000, 20_000}) {
            chunks.add(Chunks.numbered(seq, records));
            seq += records;
        }

        for (EventChunk chunk : chunks) {
            assertThat(out.flush(chunk, 0)).isEqualTo(FlushResult.OK);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> server.messages.size() == chunks.size());
        assertThat(server.messages).extracting(RecordingServer.Received::bytes)
                .containsExactlyElementsOf(chunks.stream().map(EventChunk::data).toList());
    }

    @Test
    void withoutConfirmationFlushReturnsOnlyOnceASlowServerTookTheWholeFrame() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of("confirm_delivery", "off"), 1);
        assertThat(out.flush(Chunks.numbered(0, 1), 0)).isEqualTo(FlushResult.OK);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.messages.size() == 1);
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        server.stallAfterEachMessageUntil(gate);
        assertThat(out.flush(Chunks.numbered(1, 1), 0)).isEqualTo(FlushResult.OK);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.messages.size() == 2);
        // the server now reads nothing: frames far larger than the socket buffers cannot be written whole
        EventChunk first = Chunks.numbered(2, 200_000);
        EventChunk second = Chunks.numbered(200_002, 200_000);
        java.util.concurrent.atomic.AtomicBoolean firstReturned = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<FlushResult> flushes = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    FlushResult r = out.flush(first, 0);
                    firstReturned.set(true);
                    return r == FlushResult.OK ? out.flush(second, 0) : r;
                });

        boolean returnedWhileStalled = waitUpTo(Duration.ofSeconds(1), firstReturned::get);
        gate.countDown();

        assertThat(returnedWhileStalled).as("flush returned before its frame was written").isFalse();
        assertThat(flushes.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(FlushResult.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.messages.size() == 4);
        assertThat(server.messages.get(2).bytes()).isEqualTo(first.data());
        assertThat(server.messages.get(3).bytes()).isEqualTo(second.data());
    }

    private static boolean waitUpTo(Duration limit, java.util.function.BooleanSupplier condition) {
        try {
            await().atMost(limit).until(condition::getAsBoolean);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    @Test
    void chunkIsConfirmedOnlyAfterTheServerReadIt() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of(), 1);

        for (int i = 0; i < 20; i++) {
            assertThat(out.flush(Chunks.numbered(i * 10L, 10), 0)).isEqualTo(FlushResult.OK);
            // the Pong comes after the server's read of the data frame, so it is already recorded
            assertThat(server.messages).hasSize(i + 1);
        }
    }

    @Test
    void uriWithoutLeadingSlashAndCustomHeadersReachTheServerAndHeaderValuesAreNeverLogged() throws Exception {
        RecordingServer server = server(0);
        TestOutputContext context = new TestOutputContext(new WebSocketOutputPlugin(), TestConfigs.settings(
                "host", "127.0.0.1", "port", Integer.toString(server.boundPort()), "uri", "ingest/logs?tenant=a",
                "header", "X-Token secret-value-1", "header", "X-Team  platform team"), 1);
        Output out = harness.start(context);

        deliver(out, Chunks.numbered(0, 1));
        out.stop();

        Map<String, String> hs = server.handshakes.get(0);
        assertThat(hs.get(":path")).isEqualTo("/ingest/logs?tenant=a");
        assertThat(hs.get("x-token")).isEqualTo("secret-value-1");
        assertThat(hs.get("x-team")).isEqualTo("platform team");
        assertThat(context.log().atOrAbove(ch.qos.logback.classic.Level.TRACE)).isNotEmpty()
                .noneMatch(l -> l.contains("secret-value-1"));
    }

    @Test
    void everyHandshakeUsesAFreshKey() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of("net.keepalive", "off"), 1);

        for (int i = 0; i < 5; i++) {
            deliver(out, Chunks.numbered(i, 1));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> server.handshakes.size() == 5);
        Set<String> keys = server.handshakes.stream().map(h -> h.get("sec-websocket-key")).collect(Collectors.toSet());
        assertThat(keys).hasSize(5).doesNotContainNull();
    }

    @Test
    void strictServerReceivesEveryMsgpackChunk() throws Exception {
        // Java-WebSocket's server closes with 1007 on a text frame that is not UTF-8, as RFC 6455 requires; msgpack
        // (0x92 0xd7 …) never is, so only binary frames get through
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of(), 1);

        for (int i = 0; i < 30; i++) {
            assertThat(out.flush(Chunks.numbered(i * 3L, 3), 0)).isEqualTo(FlushResult.OK);
        }

        assertThat(Chunks.received(server)).containsExactlyElementsOf(LongStream.range(0, 90).boxed().toList());
        assertThat(server.closeCodes).isEmpty();
    }

    @Test
    void flapServerLosesNoRecords() throws Exception {
        RecordingServer first = server(0);
        int port = first.boundPort();
        Output out = output(port, Map.of(), 1);
        List<Long> delivered = new ArrayList<>();
        long seq = 0;
        for (int i = 0; i < 10; i++, seq += 5) {
            assertThat(out.flush(Chunks.numbered(seq, 5), 0)).isEqualTo(FlushResult.OK);
        }
        delivered.addAll(Chunks.received(first));

        first.close();
        List<EventChunk> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++, seq += 5) {
            EventChunk chunk = Chunks.numbered(seq, 5);
            if (out.flush(chunk, 0) != FlushResult.OK) {
                pending.add(chunk);
            }
        }
        assertThat(pending).as("nothing can be confirmed while the server is down").hasSize(5);

        RecordingServer second = server(port);
        for (EventChunk chunk : pending) {
            deliver(out, chunk);
        }
        for (int i = 0; i < 10; i++, seq += 5) {
            deliver(out, Chunks.numbered(seq, 5));
        }
        delivered.addAll(Chunks.received(second));

        assertThat(delivered).containsExactlyElementsOf(LongStream.range(0, seq).boxed().toList());
    }

    @Test
    void serverDownForSecondsIsPickedUpAgainWithoutLoss() throws Exception {
        RecordingServer first = server(0);
        int port = first.boundPort();
        Output out = output(port, Map.of(), 1);
        deliver(out, Chunks.numbered(0, 5));
        first.close();

        EventChunk duringOutage = Chunks.numbered(5, 5);
        long downUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        int refused = 0;
        while (System.nanoTime() - downUntil < 0) {
            assertThat(out.flush(duringOutage, 0)).isEqualTo(FlushResult.RETRY);
            refused++;
        }
        RecordingServer second = server(port);
        deliver(out, duringOutage);

        assertThat(refused).as("attempts are paced, not spun").isBetween(2, 20);
        assertThat(Chunks.received(second)).containsExactly(5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void abruptConnectionLossesLoseNoRecords() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of(), 1);
        java.util.concurrent.atomic.AtomicInteger kills = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService killer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        long chunks = 0;
        try {
            killer.scheduleAtFixedRate(() -> server.getConnections().forEach(c -> {
                c.closeConnection(1006, "crash");
                kills.incrementAndGet();
            }), 20, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
            while (chunks < 200 || kills.get() < 5) {
                deliver(out, Chunks.numbered(chunks * 10, 10));
                chunks++;
            }
        } finally {
            killer.shutdownNow();
            killer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }

        Set<Long> received = new java.util.TreeSet<>(Chunks.received(server));
        Set<Long> missing = new java.util.TreeSet<>(LongStream.range(0, chunks * 10).boxed().toList());
        missing.removeAll(received);
        assertThat(missing).as("records confirmed but never received").isEmpty();
        assertThat(received).hasSize((int) chunks * 10);
    }

    @Test
    void connectionClosedByTheServerIsReopenedOnTheNextFlush() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of(), 1);
        deliver(out, Chunks.numbered(0, 5));

        server.closeAllConnections(1001);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.getConnections().isEmpty());
        deliver(out, Chunks.numbered(5, 5));

        assertThat(Chunks.received(server)).containsExactlyElementsOf(LongStream.range(0, 10).boxed().toList());
        assertThat(server.handshakes).hasSize(2);
    }

    @Test
    void idleConnectionIsClosedCleanlyAndReopenedOnDemand() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of("net.keepalive_idle_timeout", "1"), 1);
        deliver(out, Chunks.numbered(0, 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> server.closeCodes.contains(1000));
        assertThat(out.flush(Chunks.numbered(1, 1), 0)).isEqualTo(FlushResult.OK);

        assertThat(server.handshakes).hasSize(2);
        assertThat(Chunks.received(server)).containsExactly(0L, 1L);
    }

    @Test
    void busyConnectionIsNotClosedAsIdle() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of("net.keepalive_idle_timeout", "1"), 1);
        long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        long seq = 0;
        while (System.nanoTime() - until < 0) {
            deliver(out, Chunks.numbered(seq++, 1));
        }

        assertThat(server.handshakes).hasSize(1);
        assertThat(server.closeCodes).isEmpty();
    }

    @Test
    void fourWorkersUseFourConnectionsAndSendEachChunkOnce() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of(), 4);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    deliver(out, Chunks.numbered((worker * 25L + i) * 4, 4), worker, Duration.ofSeconds(15));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(30_000);
        }

        assertThat(server.handshakes).hasSize(4);
        Set<Object> connections = new HashSet<>();
        server.messages.forEach(m -> connections.add(m.connection()));
        assertThat(connections).hasSize(4);
        assertThat(Chunks.received(server)).hasSize(400)
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 400).boxed().toList());
    }

    @Test
    void stopClosesWithCode1000() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of(), 1);
        deliver(out, Chunks.numbered(0, 1));

        out.stop();

        await().atMost(Duration.ofSeconds(5)).until(() -> server.closeCodes.contains(1000));
    }

    @Test
    void stopLeavesNoThreadsBehind() throws Exception {
        RecordingServer server = server(0);
        long before = clientThreads();
        Output out = output(server.boundPort(), Map.of("net.keepalive_idle_timeout", "1"), 4);
        for (int w = 0; w < 4; w++) {
            deliver(out, Chunks.numbered(w, 1), w, Duration.ofSeconds(10));
        }
        assertThat(clientThreads()).isGreaterThan(before);

        out.stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> clientThreads() <= before);
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("WebSocketConnectReadThread") || n.startsWith("WebSocketWriteThread")
                        || n.startsWith("websocket-reaper"))
                .count();
    }

    @Test
    void compressOnNegotiatesPermessageDeflateAndDeliversTheSameBytes() throws Exception {
        RecordingServer server = RecordingServer.start(0,
                new Draft_6455(List.of(new PerMessageDeflateExtension())), null);
        servers.add(server);
        TestOutputContext context = TestOutputContext.of(new WebSocketOutputPlugin(), Map.of("host", "127.0.0.1",
                "port", Integer.toString(server.boundPort()), "compress", "on"), 1);
        Output out = harness.start(context);
        EventChunk chunk = Chunks.numbered(0, 200);

        deliver(out, chunk);

        assertThat(server.handshakes.get(0).get("sec-websocket-extensions")).contains("permessage-deflate");
        assertThat(context.log().atOrAbove(ch.qos.logback.classic.Level.INFO))
                .anyMatch(l -> l.contains("connected") && l.contains("permessage-deflate"));
        assertThat(server.messages.get(0).bytes()).isEqualTo(chunk.data());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"msgpack,chunk", "json_lines,chunk", "json_lines,record"})
    void compressOnSendsOnlyTheChunksBytesWhenTheChunkIsASliceOfALargerArray(String format, String mode)
            throws Exception {
        RecordingServer server = RecordingServer.start(0,
                new Draft_6455(List.of(new PerMessageDeflateExtension())), null);
        servers.add(server);
        EventChunk plain = Chunks.numbered(0, 50);
        byte[] pooled = new byte[plain.length() * 3];
        java.util.Arrays.fill(pooled, (byte) 'Z');
        System.arraycopy(plain.data(), 0, pooled, 100, plain.length());
        EventChunk slice = new EventChunk("slice", plain.tag(), pooled, 100, plain.length(), plain.records());
        Output out = harness.start(TestOutputContext.of(new WebSocketOutputPlugin(), Map.of("host", "127.0.0.1",
                "port", Integer.toString(server.boundPort()), "compress", "on", "format", format,
                "message_mode", mode), 1));

        deliver(out, slice);

        if (format.equals("msgpack")) {
            assertThat(server.messages.get(0).bytes()).isEqualTo(plain.data());
        } else {
            String all = server.messages.stream().map(m -> new String(m.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .collect(java.util.stream.Collectors.joining());
            assertThat(all).doesNotContain("ZZ").contains("\"seq\":0,", "\"seq\":49,");
            assertThat(all.split("\n")).hasSize(50);
        }
    }

    @Test
    void compressOnFallsBackWhenTheServerDeclines() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of("compress", "on"), 1);
        EventChunk chunk = Chunks.numbered(0, 200);

        deliver(out, chunk);

        assertThat(server.handshakes.get(0).get("sec-websocket-extensions")).contains("permessage-deflate");
        assertThat(server.messages.get(0).bytes()).isEqualTo(chunk.data());
    }

    @Test
    void compressOffOffersNoExtension() throws Exception {
        RecordingServer server = server(0);
        Output out = output(server.boundPort(), Map.of(), 1);

        deliver(out, Chunks.numbered(0, 1));

        assertThat(server.handshakes.get(0).get("sec-websocket-extensions")).isNullOrEmpty();
    }
}
