package io.sluice.distribution.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedMessage;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.fake.RecordFormat;
import io.sluice.distribution.support.Arrivals;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server that refuses messages over 64 KiB, closing with 1009 (message too big). Before: sluice retried the same
 * 190 KB to 2 MB message forever and delivered 400 of 20,000 records. Now every record arrives with default settings
 * (messages are cut, halved while the server refuses them, each valid on its own), {@code max_message_size} avoids
 * the refusals altogether, and a record too large even alone is counted and logged instead of retried forever.
 */
class MessageSizeLimitIT {

    private static final int LIMIT = 64 * 1024;
    private static final int RECORDS = 20_000;
    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final String HINT = "closed the connection with 1009 (message too big)";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"msgpack,MSGPACK", "json,JSON", "json_lines,JSON_LINES", "json_stream,JSON_STREAM"})
    void everyRecordArrivesOnceAtA64KibServerWithDefaultSettings(String format, RecordFormat strict)
            throws Exception {
        try (FakeWebSocketServer server = limitedServer(strict);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     // the default Retry_Limit 1: the output adapts within the flush, not over retries
                     ClassicConfig.tcpToWebSocket(server.port()).output("Format", format)
                             .monitoring())) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            NumberedSender.send(sluice.tcpPort(), 0, RECORDS);

            ReceivedRecords received = Arrivals.awaitAll(server, sluice, RECORDS, DELIVERY);
            Delivery.report("64 KiB server, default settings, " + format + " (" + server.tooBigCloses()
                    + " messages refused with 1009, " + server.connectionsAccepted() + " connections)", received,
                    RECORDS);

            assertThat(received.duplicates()).isZero();
            assertThat(server.tooBigCloses()).as("it had to learn the limit").isPositive();
            assertThat(sluice.logLinesWith(HINT)).as("one line says what to set").hasSize(1);
            assertThat(sluice.logLinesWith(HINT).get(0)).contains("set max_message_size");
            assertThat(server.messages()).allSatisfy(m -> assertThat(m.size()).isLessThanOrEqualTo(LIMIT));
            assertThat(counters.output("websocket.0", "dropped_records")).isZero();
            assertThat(counters.outputPlugin("websocket.0", "oversized_records")).isZero();
        }
    }

    @Test
    void maxMessageSizeAvoidsEveryRefusal() throws Exception {
        try (FakeWebSocketServer server = limitedServer(RecordFormat.JSON_LINES);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).output("max_message_size", "64k"))) {
            NumberedSender.send(sluice.tcpPort(), 0, RECORDS);

            ReceivedRecords received = Arrivals.awaitAll(server, sluice, RECORDS, DELIVERY);
            Delivery.report("64 KiB server, max_message_size 64k", received, RECORDS);

            assertThat(received.duplicates()).isZero();
            assertThat(server.tooBigCloses()).isZero();
            assertThat(server.messages()).extracting(ReceivedMessage::size).allMatch(s -> s <= 64_000)
                    .hasSizeGreaterThan(RECORDS * 166 / 64_000);
            assertThat(sluice.logLinesWith(HINT)).isEmpty();
        }
    }

    @Test
    void inRecordModeARecordOverMaxMessageSizeIsCountedNotRetried() throws Exception {
        try (FakeWebSocketServer server = limitedServer(RecordFormat.JSON_LINES);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).input("Buffer_Size", 512)
                             .output("message_mode", "record").output("max_message_size", "8k").monitoring())) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            int tcpPort = sluice.tcpPort();
            // a chunk holding nothing but a record too large: nothing of it can go, so core drops and counts it
            sendWithLargeRecords(tcpPort, 5000, 5001, Set.of(5000L), 20_000);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> counters.output("websocket.0", "dropped_records") == 1);
            assertThat(sluice.logLinesWith("all 1 records are larger than max_message_size")).hasSize(1);
            // large records among others: the others arrive, the large ones are counted
            Set<Long> large = Set.of(10L, 500L, 501L, 999L);
            sendWithLargeRecords(tcpPort, 0, 1000, large, 20_000);
            Awaitility.await().atMost(DELIVERY).until(() -> received(server).distinctCount() >= 1000 - large.size());

            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> counters.outputPlugin("websocket.0", "oversized_records") == large.size());
            ReceivedRecords received = received(server);
            System.out.printf("[faults] record mode, max_message_size 8k, 4 records of 20 KB among 1,000: %d "
                    + "delivered, oversized_records %d, dropped_records %d%n", received.distinctCount(),
                    counters.outputPlugin("websocket.0", "oversized_records"),
                    counters.output("websocket.0", "dropped_records"));
            assertThat(received.duplicates()).isZero();
            assertThat(received.distinctSeqs()).doesNotContainAnyElementsOf(large).doesNotContain(5000L)
                    .hasSize(1000 - large.size());
            assertThat(counters.output("websocket.0", "dropped_records")).isEqualTo(1);
            assertThat(sluice.logLinesWith("not delivered, larger than max_message_size")).isNotEmpty();
            assertThat(sluice.logLinesWith("retry in")).isEmpty();
        }
    }

    @Test
    void withoutMaxMessageSizeARecordTheServerRefusesEvenAloneIsCountedNotRetriedForever() throws Exception {
        try (FakeWebSocketServer server = limitedServer(RecordFormat.JSON_LINES);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).input("Buffer_Size", 512)
                             .unlimitedRetries().monitoring())) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            Set<Long> large = Set.of(100L, 1500L, 1501L);
            sendWithLargeRecords(sluice.tcpPort(), 0, 2000, large, 100_000);
            Awaitility.await().atMost(DELIVERY)
                    .until(() -> received(server).distinctCount() >= 2000 - large.size()
                            && counters.outputPlugin("websocket.0", "oversized_records") == large.size());

            ReceivedRecords received = received(server);
            System.out.printf("[faults] 64 KiB server, no max_message_size, 3 records of 100 KB among 2,000: %d "
                    + "delivered, oversized_records %d, %d messages refused with 1009%n", received.distinctCount(),
                    counters.outputPlugin("websocket.0", "oversized_records"), server.tooBigCloses());
            assertThat(received.duplicates()).isZero();
            assertThat(received.distinctSeqs()).doesNotContainAnyElementsOf(large).hasSize(2000 - large.size());
            assertThat(counters.output("websocket.0", "dropped_records")).isZero();
            assertThat(sluice.logLinesWith("not delivered, larger than the largest message the server takes"))
                    .isNotEmpty();
        }
    }

    private static FakeWebSocketServer limitedServer(RecordFormat strict) {
        return FakeWebSocketServer.builder().failureMode(FailureMode.CLOSE_1009_ABOVE_LIMIT).messageSizeLimit(LIMIT)
                .recordFormat(strict).start();
    }

    private static ReceivedRecords received(FakeWebSocketServer server) {
        return server.seqs("seq");
    }

    /** Records {@code [from, to)}, those in {@code large} padded to about {@code largeBytes}. */
    private static void sendWithLargeRecords(int port, long from, long to, Set<Long> large, int largeBytes)
            throws Exception {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        String pad = "y".repeat(largeBytes);
        for (long seq = from; seq < to; seq++) {
            if (large.contains(seq)) {
                batch.write(("{\"seq\": " + seq + ", \"msg\": \"" + pad + "\"}\n").getBytes(StandardCharsets.UTF_8));
            } else {
                batch.write(NumberedSender.record(seq));
            }
        }
        try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
            out.write(batch.toByteArray());
        }
    }
}
