package io.sluice.distribution.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while sluice holds records: what can be delivered within {@code Grace} is, and what cannot is counted in
 * the last log lines.
 */
class ShutdownUnderLoadIT {

    private static final Pattern NOT_DELIVERED = Pattern.compile("(\\d+) records in (\\d+) tasks were not delivered");
    private static final Pattern SUMMARY_DROPPED = Pattern.compile("summary output=websocket\\.0 .*dropped_records=(\\d+)");
    private static final int RECORDS = 20_000;

    @TempDir
    Path tmp;

    @Test
    void sigtermDeliversEverythingBufferedWithinGrace() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).service("Flush", 2).monitoring())) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            NumberedSender.send(sluice.tcpPort(), 0, RECORDS);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> counters.input("tcp.0", "records") == RECORDS);
            // most of them still sit in the open chunk (Flush 2): SIGTERM must seal and deliver it
            sluice.terminate();
            assertThat(sluice.waitForExit(Duration.ofSeconds(30))).isZero();
            ReceivedRecords received = server.seqs("seq");
            Delivery.report("SIGTERM with a healthy server, Grace 5", received, RECORDS);
            assertThat(received.missing(0, RECORDS - 1)).isEmpty();
            assertThat(sluice.logLinesWith("service has stopped (0 pending tasks)")).hasSize(1);
            assertThat(sluice.logLinesWith("were not delivered")).isEmpty();
        }
    }

    @Test
    void sigtermCountsWhatCouldNotBeDeliveredWithinGrace() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.builder().failureMode(FailureMode.SLOW_READER)
                .slowReadBytesPerSecond(64 * 1024).receiveBufferBytes(8 * 1024).start();
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).service("Grace", 2).monitoring()
                             .output("confirm_timeout", "60s"))) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            // 3.3 MB for a reader of 64 KB/s: far more than 2 s of Grace can deliver
            NumberedSender.send(sluice.tcpPort(), 0, RECORDS);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> counters.input("tcp.0", "records") == RECORDS);
            sluice.terminate();
            sluice.waitForExit(Duration.ofSeconds(30));
            ReceivedRecords received = server.seqs("seq");
            long undelivered = lastMatch(sluice, NOT_DELIVERED);
            long dropped = lastMatch(sluice, SUMMARY_DROPPED);
            Delivery.report("SIGTERM with a 64 KB/s reader, Grace 2 (" + undelivered + " logged as not delivered)",
                    received, RECORDS);
            assertThat(undelivered).isPositive().isEqualTo(dropped);
            assertThat(received.distinctCount() + undelivered).isGreaterThanOrEqualTo(RECORDS);
        }
    }

    private static long lastMatch(SluiceProcess sluice, Pattern pattern) {
        long value = sluice.lastLogged(pattern);
        assertThat(value).as("a log line matching " + pattern + "\n" + sluice.tail()).isNotNegative();
        return value;
    }
}
