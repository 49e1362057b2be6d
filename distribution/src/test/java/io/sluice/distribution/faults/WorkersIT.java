package io.sluice.distribution.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedMessage;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.Arrivals;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workers 4}: chunks go out over four connections, each record exactly once. */
class WorkersIT {

    @TempDir
    Path tmp;

    @Test
    void fourWorkersSpreadChunksOverFourConnectionsAndSendNothingTwice() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).output("workers", 4))) {
            long sent;
            try (NumberedSender sender = NumberedSender.to(sluice.tcpPort()).pace(100, 20).start()) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> connectionsUsed(server).size() == 4);
                sent = sender.stop();
                assertThat(sender.failure()).isNull();
            }
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, sent, Duration.ofSeconds(30));
            Delivery.report("workers 4 (" + server.handshakesCompleted() + " connections)", received, sent);
            assertThat(received.duplicates()).isZero();
            assertThat(received.missing(0, sent - 1)).isEmpty();
            assertThat(server.handshakesCompleted()).isEqualTo(4);
            assertThat(connectionsUsed(server)).hasSize(4);
        }
    }

    private static Set<Integer> connectionsUsed(FakeWebSocketServer server) {
        return server.messages().stream().map(ReceivedMessage::connectionId).collect(Collectors.toSet());
    }
}
