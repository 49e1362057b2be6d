package io.sluice.distribution.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.Arrivals;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server dies (connections reset, as with kill -9) while a chunk is on the wire: the chunk is sent again. */
class ServerKilledMidChunkIT {

    @TempDir
    Path tmp;

    @Test
    void aChunkCutOffByAKilledServerIsRetriedAndArrives() throws Exception {
        int records = 3000;
        try (FakeWebSocketServer server = FakeWebSocketServer.builder().failureMode(FailureMode.SLOW_READER)
                .slowReadBytesPerSecond(32 * 1024).receiveBufferBytes(8 * 1024).start();
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).output("confirm_timeout", "60s"))) {
            // about 500 KB: some 15 s of reading, so the chunk is surely mid-way when the server dies
            NumberedSender.send(sluice.tcpPort(), 0, records);
            server.awaitOpenConnections(1, Duration.ofSeconds(20));
            // the flush that opened the connection wrote the chunk at once: a second on the same open connection
            // with no message complete means the server is part-way through it
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> server.openConnections() == 1 && server.connectionsAccepted() == 1
                            && server.messageCount() == 0);
            server.killAbruptly();
            server.setFailureMode(FailureMode.NONE);
            server.start();
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, records, Duration.ofSeconds(30));
            Delivery.report("server reset mid-chunk, back at once", received, records);
            assertThat(received.missing(0, records - 1)).isEmpty();
            assertThat(received.duplicates()).as("the cut message was never recorded").isZero();
            assertThat(sluice.logLinesWith("the chunk will be retried")).isNotEmpty();
        }
    }
}
