package io.sluice.distribution.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.CloseFrame;
import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.Arrivals;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle connections, closed by either side, are reopened on demand without losing or repeating a record. */
class IdleConnectionIT {

    private static final int BATCH = 1000;

    @TempDir
    Path tmp;

    @Test
    void recordsSentAfterTheServerClosedAnIdleConnectionStillArrive() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.builder().failureMode(FailureMode.IDLE_CLOSE)
                .idleTimeout(Duration.ofSeconds(2)).start();
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port())
                             .output("net.keepalive_idle_timeout", 30))) {
            int tcpPort = sluice.tcpPort();
            NumberedSender.send(tcpPort, 0, BATCH);
            server.awaitSeqs("seq", 0, BATCH - 1, Duration.ofSeconds(20));
            // sluice still holds the connection it thinks is kept alive; the server gives up on it
            server.awaitOpenConnections(0, Duration.ofSeconds(20));
            NumberedSender.send(tcpPort, BATCH, 2L * BATCH);
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, 2L * BATCH, Duration.ofSeconds(20));
            Delivery.report("server closed the idle connection", received, 2L * BATCH);
            assertThat(received.duplicates()).isZero();
            assertThat(server.handshakesCompleted()).isEqualTo(2);
            assertThat(sluice.logLinesWith("retry in")).as("no retry spent on the stale connection").isEmpty();
        }
    }

    @Test
    void aConnectionIdleLongerThanKeepaliveIdleTimeoutIsClosedCleanlyAndReopened() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port())
                             .output("net.keepalive_idle_timeout", 1))) {
            int tcpPort = sluice.tcpPort();
            NumberedSender.send(tcpPort, 0, BATCH);
            server.awaitSeqs("seq", 0, BATCH - 1, Duration.ofSeconds(20));
            // sluice's idle timer closes the connection, cleanly, before the next records come
            server.awaitClosesReceived(1, Duration.ofSeconds(10));
            NumberedSender.send(tcpPort, BATCH, 2L * BATCH);
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, 2L * BATCH, Duration.ofSeconds(20));
            Delivery.report("sluice closed its idle connection", received, 2L * BATCH);
            assertThat(received.duplicates()).isZero();
            assertThat(server.handshakesCompleted()).isEqualTo(2);
            assertThat(server.awaitClosesReceived(1, Duration.ofSeconds(10)))
                    .extracting(CloseFrame::code).first().isEqualTo(1000);
        }
    }
}
