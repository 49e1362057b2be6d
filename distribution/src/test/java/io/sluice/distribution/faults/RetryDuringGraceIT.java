package io.sluice.distribution.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while every delivery fails because the server closes every connection (with 1009) and retries are
 * unlimited: during {@code Grace} retries keep a backoff of at most one second, the log says the wait that really
 * comes, and the output does not reconnect in a tight loop. Before the fix: 2,754 connections and thousands of log
 * lines in 5 s.
 */
class RetryDuringGraceIT {

    private static final Pattern RETRY_IN = Pattern.compile("retry in (\\d+) seconds");
    private static final Pattern NOT_DELIVERED = Pattern.compile("(\\d+) records in (\\d+) tasks were not delivered");
    private static final Pattern FAILED_CHUNK = Pattern.compile("failed to flush chunk '([^']+)'");
    private static final int CHUNKS = 4;
    private static final int PER_CHUNK = 100;
    /** What 5 s of Grace may cost at most: about one connection and one retry line per second, and some slack. */
    private static final int BOUND = 10;

    @TempDir
    Path tmp;

    @Test
    void aServerClosingEveryConnectionCostsAFewConnectionsAndLogLinesDuringGrace() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.builder()
                .failureMode(FailureMode.CLOSE_EVERY_CONNECTION).closeCode(1009).start();
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).unlimitedRetries().service("Grace", 5)
                             .monitoring())) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            int tcpPort = sluice.tcpPort();
            // several chunks, each retried on its own timer: the engine hands all of them back when Grace begins
            for (int c = 0; c < CHUNKS; c++) {
                NumberedSender.send(tcpPort, (long) c * PER_CHUNK, (long) (c + 1) * PER_CHUNK);
                int failed = c + 1;
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> failingChunks(sluice) >= failed);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> counters.output("websocket.0", "retries") >= 2 * CHUNKS);
            int connectionsBefore = server.connectionsAccepted();
            int linesBefore = sluice.stderr().size();

            sluice.terminate();
            sluice.waitForExit(Duration.ofSeconds(30));

            List<String> grace = sluice.stderr().subList(linesBefore, sluice.stderr().size());
            int connections = server.connectionsAccepted() - connectionsBefore;
            List<String> retryLines = grace.stream().filter(l -> RETRY_IN.matcher(l).find()).toList();
            List<String> outputLines = grace.stream().filter(l -> l.contains("[output:websocket")).toList();
            System.out.printf("[faults] SIGTERM, server closing every connection with 1009, Grace 5: %d connections, "
                    + "%d retry lines, %d output lines during Grace; %d records not delivered%n", connections,
                    retryLines.size(), outputLines.size(), sluice.lastLogged(NOT_DELIVERED));

            assertThat(connections).as("connections opened during Grace\n" + sluice.tail()).isLessThanOrEqualTo(BOUND);
            assertThat(retryLines.size() + outputLines.size()).as("retry and output lines during Grace\n"
                    + String.join("\n", grace)).isLessThanOrEqualTo(BOUND);
            for (String line : retryLines) {
                Matcher m = RETRY_IN.matcher(line);
                m.find();
                assertThat(Integer.parseInt(m.group(1))).as("the wait a retry during Grace announces: " + line)
                        .isLessThanOrEqualTo(1);
            }
            assertThat(sluice.lastLogged(NOT_DELIVERED)).as("records logged as not delivered")
                    .isEqualTo((long) CHUNKS * PER_CHUNK);
        }
    }

    /** How many distinct chunks have failed a flush so far. */
    private static long failingChunks(SluiceProcess sluice) {
        return sluice.stderr().stream().map(FAILED_CHUNK::matcher).filter(Matcher::find).map(m -> m.group(1))
                .distinct().count();
    }
}
