package io.sluice.distribution.badinput;

import static io.sluice.distribution.badinput.Delivery.assertAllArrivedExactlyOnce;
import static io.sluice.distribution.badinput.Delivery.assertArrivedExactlyOnce;
import static io.sluice.distribution.badinput.Delivery.assertStillRunningWithoutErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.distribution.support.NumberedSender;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that misbehave at the connection level against the tcp input of the real launcher, while a well-behaved
 * client sends numbered records on another connection: every record that was complete arrives exactly once, a record
 * cut off by its sender is counted, and sluice runs on.
 */
class MisbehavingConnectionsIT {

    private static final Duration SERVER_CLOSE = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private TcpToStdout sluice;

    @BeforeEach
    void startSluice() throws IOException, InterruptedException {
        sluice = TcpToStdout.start(tmp);
    }

    @AfterEach
    void stopSluice() throws InterruptedException {
        sluice.close();
    }

    @Test
    void aConnectionThatSendsNothingHoldsUpNoOneAndCountsNoProblem() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", sluice.tcpPort)) {
            NumberedSender good = sluice.wellBehaved("good", 5_000);

            assertAllArrivedExactlyOnce(sluice, good);
            assertThat(silent.isClosed()).isFalse();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sluice.tcpCounter("connections") == 2);
        assertThat(sluice.tcpCounter("incomplete_records")).isZero();
        assertThat(sluice.tcpCounter("invalid_json")).isZero();
        assertStillRunningWithoutErrors(sluice);
    }

    @Test
    void aThousandConnectionsOpenAtOnceEachSendingThreeRecordsDeliverThemAll() throws Exception {
        int connections = 1_000;
        NumberedSender good = sluice.wellBehaved("good", 2_000);
        List<Socket> open = new ArrayList<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                open.add(new Socket("127.0.0.1", sluice.tcpPort));
            }
            for (int i = 0; i < connections; i++) {
                StringBuilder records = new StringBuilder();
                for (int k = 0; k < 3; k++) {
                    records.append("{\"src\": \"many\", \"seq\": ").append(i * 3 + k).append("}\n");
                }
                open.get(i).getOutputStream().write(records.toString().getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }

        assertArrivedExactlyOnce(sluice, "many", connections * 3L);
        assertAllArrivedExactlyOnce(sluice, good);
        assertThat(sluice.tcpCounter("connections")).isEqualTo(connections + 1);
        assertThat(sluice.tcpCounter("incomplete_records")).isZero();
        assertStillRunningWithoutErrors(sluice);
    }

    @Test
    void aSocketHalfClosedInsideARecordHasItCountedIncompleteAndIsClosedBySluice() throws Exception {
        NumberedSender good = sluice.wellBehaved("good", 2_000);
        try (Socket s = new Socket("127.0.0.1", sluice.tcpPort)) {
            s.getOutputStream().write("{\"src\": \"cut\", \"seq\": 0, \"msg\": \"cut off her"
                    .getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();

            assertClosedBySluice(s);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sluice.tcpCounter("incomplete_records") == 1);
        assertAllArrivedExactlyOnce(sluice, good);
        assertThat(sluice.received.distinct("cut")).isZero();
        assertThat(sluice.logLinesContaining("connection closed inside a record")).isEqualTo(1);
        assertStillRunningWithoutErrors(sluice);
    }

    @Test
    void aSocketHalfClosedAfterCompleteRecordsHasThemDeliveredWithOrWithoutTheLastNewline() throws Exception {
        NumberedSender good = sluice.wellBehaved("good", 2_000);
        try (Socket s = new Socket("127.0.0.1", sluice.tcpPort)) {
            s.getOutputStream().write("{\"src\": \"half\", \"seq\": 0}\n{\"src\": \"half\", \"seq\": 1}"
                    .getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();

            assertArrivedExactlyOnce(sluice, "half", 2);
            assertClosedBySluice(s);
        }

        assertAllArrivedExactlyOnce(sluice, good);
        assertThat(sluice.tcpCounter("incomplete_records")).isZero();
        assertStillRunningWithoutErrors(sluice);
    }

    /** Sluice read the end of the stream and closed its side: our read sees the end, within a deadline. */
    private static void assertClosedBySluice(Socket s) throws IOException {
        s.setSoTimeout((int) SERVER_CLOSE.toMillis());
        assertThat(s.getInputStream().read()).as("sluice closes a connection whose sender is done").isEqualTo(-1);
    }
}
