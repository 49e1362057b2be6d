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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that sends Close in the middle of a chunk and then keeps the TCP connection open. Before: sluice kept
 * resending each chunk from its start, and sent the data still queued after the server's Close; it never got past a
 * chunk longer than what one connection takes (in record mode: 96 of 20,000 records after 40 s). Now sluice sends
 * nothing more on that connection, closes it itself, and goes on with a new one from the last record the server
 * confirmed: every record arrives, and the only duplicates are records the server took but never confirmed before it
 * closed.
 */
class ServerCloseIT {

    private static final int RECORDS = 20_000;
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"record,none,1000", "chunk,16k,40"})
    void everyRecordArrivesAndOnlyUnconfirmedOnesAreSentTwice(String mode, String maxMessageSize, int messages)
            throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.builder().failureMode(FailureMode.CLOSE_THEN_KEEP_OPEN)
                .messagesBeforeFailure(messages).start()) {
            ClassicConfig config = ClassicConfig.tcpToWebSocket(server.port()).unlimitedRetries()
                    .output("message_mode", mode);
            if (!maxMessageSize.equals("none")) {
                config.output("max_message_size", maxMessageSize);
            }
            try (SluiceProcess sluice = SluiceProcess.startListening(tmp, config)) {
                NumberedSender.send(sluice.tcpPort(), 0, RECORDS);

                ReceivedRecords received = Arrivals.awaitAll(server, sluice, RECORDS, DELIVERY);
                Delivery.report("Close after " + messages + " messages, TCP kept open, message_mode " + mode
                        + (maxMessageSize.equals("none") ? "" : ", max_message_size " + maxMessageSize) + " ("
                        + server.connectionsAccepted() + " connections, " + server.messagesUnconfirmedAtClose()
                        + " messages taken without a Pong when the server closed)", received, RECORDS);

                assertThat(server.connectionsAccepted()).as("the server closed connections").isGreaterThan(2);
                int unconfirmedRecords = mode.equals("record") ? server.messagesUnconfirmedAtClose()
                        : recordsPerMessageBound(maxMessageSize) * server.messagesUnconfirmedAtClose();
                assertThat(received.duplicates()).as("duplicates beyond what the server took without confirming")
                        .isLessThanOrEqualTo(unconfirmedRecords);
                // sluice closes the connections the server keeps open: they do not pile up
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() <= 1);
                assertThat(sluice.isAlive()).isTrue();
            }
            server.awaitOpenConnections(0, Duration.ofSeconds(10));
        }
    }

    /** How many of the ~166-byte records a message of {@code maxMessageSize} can hold. */
    private static int recordsPerMessageBound(String maxMessageSize) {
        int bytes = Integer.parseInt(maxMessageSize.replace("k", "")) * 1000;
        return bytes / 150 + 1;
    }
}
