package io.sluice.distribution.faults;

import static io.sluice.distribution.support.NumberedSender.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.Arrivals;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.SluiceProcess;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a WebSocket server can misbehave, then behave again: sluice says what is wrong, keeps the records it
 * accepted, and delivers every one of them once the server is fixed. Duplicates are allowed only where a delivery
 * could not be confirmed, and are reported.
 */
class FailureModeRecoveryIT {

    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final int BATCH = 1000;

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void refusedConnectionsAreRetriedAndEveryRecordArrivesOnceTheServerListens() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.REFUSE_CONNECTION)) {
            recover(server, c -> c, "cannot connect to", FailureMode.REFUSE_CONNECTION);
        }
    }

    @Test
    void anUnansweredUpgradeTimesOutWithAClearLineAndRecovers() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NO_UPGRADE_ANSWER)) {
            String line = recover(server, c -> c, "no connection and upgrade within 2s",
                    FailureMode.NO_UPGRADE_ANSWER);
            assertThat(line).contains("cannot connect to ws://127.0.0.1:" + server.port() + "/ingest");
            assertThat(server.handshakes()).isNotEmpty();
        }
    }

    @Test
    void aForbiddenUpgradeIsLoggedWithItsStatusAndRecovers() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.HTTP_403)) {
            String line = recover(server, c -> c, "refused the WebSocket upgrade", FailureMode.HTTP_403);
            assertThat(line).contains("403").contains("expected 101");
        }
    }

    @Test
    void aWrongSecWebSocketAcceptIsRejectedAndNothingIsSentUntilTheServerIsFixed() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.WRONG_ACCEPT)) {
            String line = recover(server, c -> c, "Sec-WebSocket-Accept does not match", FailureMode.WRONG_ACCEPT);
            assertThat(line).contains("invalid upgrade response");
        }
    }

    @Test
    void aConnectionDroppedMidFrameRetriesTheChunk() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.builder().failureMode(FailureMode.DROP_MID_FRAME)
                .messagesBeforeFailure(0).start()) {
            recover(server, c -> c, "lost", FailureMode.DROP_MID_FRAME);
            assertThat(server.framesCutOff()).isPositive();
        }
    }

    @Test
    void aServerThatNeverAnswersPingsGetsOneClearErrorSuggestingConfirmDeliveryOff() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NO_PONG);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).unlimitedRetries())) {
            int tcpPort = sluice.tcpPort();
            send(tcpPort, 0, BATCH);
            sluice.awaitLog(l -> l.contains("set 'confirm_delivery off'"), Duration.ofSeconds(30));
            // the chunk is retried on a fresh connection, whose Ping goes unanswered too: still only one error
            int ignored = server.pingsIgnored();
            server.awaitPingsIgnored(ignored + 2, Duration.ofSeconds(30));
            assertThat(sluice.logLinesWith("confirm_delivery off")).hasSize(1);
            assertThat(sluice.logLinesWith("confirm_delivery off").get(0))
                    .contains("did not answer a Ping within 2s");
            server.setFailureMode(FailureMode.NONE);
            send(tcpPort, BATCH, 2L * BATCH);
            reportDelivered(server, sluice, FailureMode.NO_PONG, 2L * BATCH);
        }
    }

    @Test
    void aServerThatNeverAnswersPingsReceivesEverythingOnceWithConfirmDeliveryOff() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NO_PONG);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).output("confirm_delivery", "off"))) {
            send(sluice.tcpPort(), 0, 2L * BATCH);
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, 2L * BATCH, DELIVERY);
            Delivery.report("NO_PONG with confirm_delivery off", received, 2L * BATCH);
            assertThat(received.duplicates()).isZero();
            assertThat(sluice.logLinesWith("confirm_delivery off")).isEmpty();
            assertThat(server.pingsIgnored()).as("no Ping needed").isZero();
        }
    }

    @Test
    void aServerClosingWith1011AfterSomeMessagesLosesNothing() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.builder().failureMode(FailureMode.CLOSE_1011_AFTER_N)
                .messagesBeforeFailure(0).start()) {
            // a Close right after the upgrade can reach sluice while it still opens the connection ("cannot
            // connect … retrying") or once it is open ("connection … lost … the chunk will be retried")
            String line = recover(server, c -> c, l -> l.contains("(code 1011)") || l.contains(" lost: "),
                    FailureMode.CLOSE_1011_AFTER_N);
            assertThat(line).containsAnyOf("the chunk will be retried", "; retrying");
        }
    }

    @Test
    void aSlowReaderDelaysButLosesNothing() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.builder().failureMode(FailureMode.SLOW_READER)
                .slowReadBytesPerSecond(32 * 1024).receiveBufferBytes(8 * 1024).start();
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).unlimitedRetries()
                             .output("confirm_timeout", "30s"))) {
            int tcpPort = sluice.tcpPort();
            // about 830 KB: some 26 s of reading at 32 KB/s
            send(tcpPort, 0, 5L * BATCH);
            server.awaitOpenConnections(1, Duration.ofSeconds(20));
            // a whole second on an open connection without one complete message: the reader is behind
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> server.messageCount() == 0);
            server.setFailureMode(FailureMode.NONE);
            send(tcpPort, 5L * BATCH, 6L * BATCH);
            reportDelivered(server, sluice, FailureMode.SLOW_READER, 6L * BATCH);
        }
    }

    /**
     * Starts sluice against {@code server}, sends a batch while the server misbehaves, waits for the log line that
     * says so, fixes the server, sends a second batch and checks both arrived. Returns the log line.
     */
    private String recover(FakeWebSocketServer server, UnaryOperator<ClassicConfig> tune, String expectedLog,
                           FailureMode mode) throws Exception {
        return recover(server, tune, l -> l.contains(expectedLog), mode);
    }

    private String recover(FakeWebSocketServer server, UnaryOperator<ClassicConfig> tune,
                           Predicate<String> expectedLog, FailureMode mode) throws Exception {
        ClassicConfig config = tune.apply(ClassicConfig.tcpToWebSocket(server.port()).unlimitedRetries());
        try (SluiceProcess sluice = SluiceProcess.startListening(tmp, config)) {
            int tcpPort = sluice.tcpPort();
            send(tcpPort, 0, BATCH);
            String line = sluice.awaitLog(expectedLog, Duration.ofSeconds(30));
            server.setFailureMode(FailureMode.NONE);
            send(tcpPort, BATCH, 2L * BATCH);
            reportDelivered(server, sluice, mode, 2L * BATCH);
            assertThat(sluice.isAlive()).isTrue();
            return line;
        }
    }

    private static void reportDelivered(FakeWebSocketServer server, SluiceProcess sluice, FailureMode mode,
                                        long sent) {
        ReceivedRecords received = Arrivals.awaitAll(server, sluice, sent, DELIVERY);
        Delivery.report(mode + " then recovery", received, sent);
    }
}
