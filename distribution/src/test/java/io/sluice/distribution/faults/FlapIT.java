package io.sluice.distribution.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.Arrivals;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.ProcessFigures;
import io.sluice.distribution.support.SluiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server goes away and comes back on the same port while records flow steadily (1,000 a second): sluice picks
 * it up again without a restart, and loses nothing it could deliver; what it gives up is logged and counted.
 */
class FlapIT {

    private static final Pattern LOST = Pattern.compile("dropped \\(.*\\): (\\d+) records lost");
    private static final int PER_TICK = 20;
    private static final long TICK_MILLIS = 20;

    @TempDir
    Path tmp;

    @Test
    void aServerDownForThreeSecondsLosesNothingWithDefaultRetrySettings() throws Exception {
        // Fluent Bit's default backoff (scheduler.base 5) waits longer than the outage, so one retry is enough
        flapOnceLosesNothing(Duration.ofSeconds(3), config -> config.service("scheduler.base", 5)
                .service("scheduler.cap", 2000));
    }

    @Test
    void aServerBackAfterFourHundredMillisecondsLosesNothingWithDefaultRetrySettings() throws Exception {
        flapOnceLosesNothing(Duration.ofMillis(400), config -> config.service("scheduler.base", 5)
                .service("scheduler.cap", 2000));
    }

    @Test
    void aServerDownForTwentySecondsLosesNothingWithUnlimitedRetries() throws Exception {
        flapOnceLosesNothing(Duration.ofSeconds(20), ClassicConfig::unlimitedRetries);
    }

    @Test
    void aServerDownLongerThanTheRetriesLogsAndCountsEveryRecordItGivesUp() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).monitoring())) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            long sent;
            try (NumberedSender sender = NumberedSender.to(sluice.tcpPort()).pace(PER_TICK, TICK_MILLIS).start()) {
                awaitFlowing(server);
                // Retry_Limit 1 and a backoff of at most 3 s: chunks of the first 15 s run out of retries
                server.flap(Duration.ofSeconds(20)).get();
                awaitFlowingAgain(server, sender, server.handshakesCompleted());
                sent = sender.stop();
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> counters.output("websocket.0", "proc_records")
                    + counters.output("websocket.0", "dropped_records") >= sent);
            ReceivedRecords received = server.seqs("seq");
            long dropped = counters.output("websocket.0", "dropped_records");
            long loggedLost = sluice.loggedSum(LOST);
            Delivery.report("down 20 s, Retry_Limit 1 (dropped_records " + dropped + ", retries_failed "
                    + counters.output("websocket.0", "retries_failed") + ")", received, sent);
            assertThat(received.missingCount(0, sent - 1)).as("records missing at the server")
                    .isLessThanOrEqualTo(dropped);
            assertThat(received.distinctCount() + dropped).isGreaterThanOrEqualTo(sent);
            assertThat(dropped).as("a 20 s outage outlasts Retry_Limit 1 with a 3 s backoff").isPositive();
            assertThat(loggedLost).as("records the log says were lost").isEqualTo(dropped);
            assertThat(counters.output("websocket.0", "retries_failed")).isPositive();
        }
    }

    @Test
    void fiftyFlapsInARowLeaveNoThreadsOrFileDescriptorsBehindAndLoseNothing() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).unlimitedRetries())) {
            long sent;
            ProcessFigures before;
            try (NumberedSender sender = NumberedSender.to(sluice.tcpPort()).pace(PER_TICK, TICK_MILLIS).start()) {
                awaitFlowing(server);
                // the first reconnections load classes and start what is started lazily: measure after them
                flapAndReconnect(server);
                flapAndReconnect(server);
                before = sluice.figures();
                for (int i = 0; i < 50; i++) {
                    flapAndReconnect(server);
                }
                awaitFlowingAgain(server, sender, server.handshakesCompleted() - 1);
                sent = sender.stop();
                assertThat(sender.failure()).as("the sender's connection").isNull();
            }
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, sent, Duration.ofSeconds(60));
            // sessions given up on end on their own threads: allow them a moment, then a small constant
            ProcessFigures after = Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(sluice::figures, f -> f.threads() <= before.threads() + 3 && f.fds() <= before.fds() + 6);
            Delivery.report("50 flaps of 100 ms (before: " + before + "; after: " + after + ")", received, sent);
            assertThat(received.missing(0, sent - 1)).isEmpty();
            assertThat(sluice.logLinesWith("listening on")).as("no restart").hasSize(1);
            assertThat(server.handshakesCompleted()).isGreaterThanOrEqualTo(53);
        }
    }

    private static void flapAndReconnect(FakeWebSocketServer server) throws Exception {
        int handshakes = server.handshakesCompleted();
        server.flap(Duration.ofMillis(100)).get();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> server.handshakesCompleted() > handshakes);
    }

    private void flapOnceLosesNothing(Duration down, UnaryOperator<ClassicConfig> tune)
            throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     tune.apply(ClassicConfig.tcpToWebSocket(server.port())))) {
            long sent;
            try (NumberedSender sender = NumberedSender.to(sluice.tcpPort()).pace(PER_TICK, TICK_MILLIS).start()) {
                awaitFlowing(server);
                int handshakes = server.handshakesCompleted();
                server.flap(down).get();
                awaitFlowingAgain(server, sender, handshakes);
                sent = sender.stop();
                assertThat(sender.failure()).as("the sender's connection").isNull();
            }
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, sent, Duration.ofSeconds(60));
            Delivery.report("down " + down.toMillis() + " ms", received, sent);
            assertThat(received.missing(0, sent - 1)).isEmpty();
            assertThat(sluice.isAlive()).isTrue();
            assertThat(sluice.logLinesWith("listening on")).as("no restart").hasSize(1);
            assertThat(sluice.logLinesWith("reconnected to")).isNotEmpty();
        }
    }

    /** Waits until a second's worth of records has arrived. */
    static void awaitFlowing(FakeWebSocketServer server) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> server.seqs("seq").distinctCount() >= 1000);
    }

    /** Waits for a new connection and for records sent after it to arrive. */
    static void awaitFlowingAgain(FakeWebSocketServer server, NumberedSender sender, int handshakesBefore) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.handshakesCompleted() > handshakesBefore);
        long mark = sender.sent() + PER_TICK * 5;
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> sender.sent() >= mark
                && server.seqs("seq").distinctSeqs().contains(mark - 1));
    }
}
