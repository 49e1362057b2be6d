package io.sluice.distribution.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Retry_Limit 1} and a server that never comes back: every record given up is accounted for — written to a
 * dead-letter file in Fluent Bit's msgpack event format when {@code storage.keep.rejected} is on, and always logged
 * with its count and counted in {@code dropped_records}.
 */
class RetryExhaustionIT {

    private static final Pattern WRITTEN = Pattern.compile("rejected \\(retries exhausted after 1\\): (\\d+) records "
            + "written to (\\S+\\.msgpack)");
    private static final Pattern LOST = Pattern.compile("dropped \\(retries exhausted after 1\\): (\\d+) records lost");
    private static final int RECORDS = 500;

    @TempDir
    Path tmp;

    @Test
    void exhaustedChunksAreWrittenAsDeadLettersHoldingEveryRecord() throws Exception {
        Path storage = tmp.resolve("storage");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.REFUSE_CONNECTION);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).keepRejected(storage).monitoring())) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            NumberedSender.send(sluice.tcpPort(), 0, RECORDS);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> sluice.loggedSum(WRITTEN) == RECORDS);
            List<Long> seqs = new ArrayList<>();
            for (String line : sluice.stderr()) {
                Matcher m = WRITTEN.matcher(line);
                if (m.find()) {
                    Path file = Path.of(m.group(2));
                    assertThat(file).startsWith(storage.resolve("rejected").resolve("websocket.0"));
                    byte[] bytes = Files.readAllBytes(file);
                    List<Event> events = EventDecoder.decode(bytes, 0, bytes.length);
                    assertThat(events).hasSize(Integer.parseInt(m.group(1)));
                    events.forEach(e -> seqs.add(((Number) e.body().get("seq")).longValue()));
                }
            }
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.range(0, RECORDS).boxed().toList());
            assertThat(counters.output("websocket.0", "dropped_records")).isEqualTo(RECORDS);
            assertThat(counters.output("websocket.0", "retries_failed")).isPositive();
            System.out.printf("[faults] retries exhausted, keep.rejected on: sent %d; %d in dead-letter files%n",
                    RECORDS, seqs.size());
        }
    }

    @Test
    void exhaustedChunksWithoutDeadLettersAreLoggedAndCounted() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.REFUSE_CONNECTION);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).monitoring())) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            NumberedSender.send(sluice.tcpPort(), 0, RECORDS);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sluice.loggedSum(LOST) == RECORDS);
            assertThat(counters.output("websocket.0", "dropped_records")).isEqualTo(RECORDS);
            assertThat(counters.output("websocket.0", "proc_records")).isZero();
            System.out.printf("[faults] retries exhausted, no dead letters: sent %d; %d logged lost, "
                    + "dropped_records %d%n", RECORDS, sluice.loggedSum(LOST),
                    counters.output("websocket.0", "dropped_records"));
        }
    }
}
