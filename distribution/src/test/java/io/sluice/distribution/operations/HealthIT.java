package io.sluice.distribution.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health check through the launcher with a real output that fails: {@code /api/v1/health}
 * says {@code ok} until more than {@code HC_Errors_Count} errors (or {@code HC_Retry_Failure_Count} exhausted retries)
 * happened within the last {@code HC_Period} seconds, {@code error} then, and {@code ok} again once the failures have
 * left the window.
 */
class HealthIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern ERRORS = Pattern.compile("\"errors\":(\\d+)");
    private static final Pattern RETRIES_FAILED = Pattern.compile("\"retries_failed\":(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void moreOutputErrorsThanHcErrorsCountWithinHcPeriodMakeItUnhealthyUntilTheyLeaveThePeriod() throws Exception {
        // GELF needs short_message; the numbered records have none, so every flush is an ERROR (not a retry)
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE)) {
            ClassicConfig config = ClassicConfig.quick().monitoring().service("Health_Check", "On")
                    .service("HC_Errors_Count", 2).service("HC_Retry_Failure_Count", 100).service("HC_Period", 20);
            config.addTcpInput().set("Tag", "numbered");
            config.addWebSocketOutput("numbered", server.port(), "/gelf").unlimitedRetries().set("Format", "gelf");
            checkTurnsUnhealthyAndBack(config, "errors", 2, ERRORS);
        }
    }

    @Test
    void moreExhaustedRetriesThanHcRetryFailureCountMakeItUnhealthyUntilTheyLeaveThePeriod() throws Exception {
        // nothing listens: every chunk fails, is retried once (Retry_Limit 1) and given up
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.REFUSE_CONNECTION)) {
            ClassicConfig config = ClassicConfig.quick().monitoring().service("Health_Check", "On")
                    .service("HC_Errors_Count", 100).service("HC_Retry_Failure_Count", 1).service("HC_Period", 20);
            config.addTcpInput().set("Tag", "numbered");
            config.addWebSocketOutput("numbered", server.port(), "/down").set("Retry_Limit", 1);
            checkTurnsUnhealthyAndBack(config, "retries_failed", 1, RETRIES_FAILED);
        }
    }

    private void checkTurnsUnhealthyAndBack(ClassicConfig config, String counter, int limit, Pattern inV2)
            throws Exception {
        try (SluiceProcess sluice = SluiceProcess.startListening(config.writeTo(tmp.resolve("sluice.conf")));
             Socket client = new Socket("127.0.0.1", sluice.tcpPort())) {
            MonitoringApi api = new MonitoringApi(sluice.httpPort());
            assertThat(api.get("/api/v1/health")).hasToString("200 ok\n");
            OutputStream out = client.getOutputStream();
            ToLongFunction<MonitoringApi.Answer> measured = a -> {
                Matcher m = inV2.matcher(a.body());
                return m.find() ? Long.parseLong(m.group(1)) : -1;
            };
            List<String> seen = new ArrayList<>();
            long seq = 0;
            // one small batch at a time; after each, wait until the health sample has counted it
            while (true) {
                long before = api.output("websocket.0", counter);
                NumberedSender.write(out, seq, seq + 10);
                seq += 10;
                Awaitility.await().atMost(WAIT).until(() -> api.output("websocket.0", counter) > before);
                long total = api.output("websocket.0", counter);
                MonitoringApi.Answer v2 = Awaitility.await().atMost(WAIT).until(() -> api.get("/api/v2/health"),
                        a -> measured.applyAsLong(a) >= total);
                MonitoringApi.Answer v1 = api.get("/api/v1/health");
                seen.add(counter + "=" + measured.applyAsLong(v2) + " -> " + v1.status());
                if (measured.applyAsLong(v2) > limit) {
                    assertThat(v1).as("/api/v1/health with %s %d > %d", counter, measured.applyAsLong(v2), limit)
                            .hasToString("500 error\n");
                    assertThat(v2.status()).isEqualTo(500);
                    assertThat(v2.body()).contains("\"status\":\"error\"", "\"period_limit\":20");
                    break;
                }
                assertThat(v1).as("/api/v1/health with %s %d <= %d", counter, measured.applyAsLong(v2), limit)
                        .hasToString("200 ok\n");
                assertThat(seq).as("batches sent").isLessThan(200);
            }
            // no more failures: once they are older than HC_Period it is healthy again
            long quietSince = System.nanoTime();
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/api/v1/health").status() == 200);
            long afterMillis = (System.nanoTime() - quietSince) / 1_000_000;
            Received.report("health check on " + counter + " (limit " + limit + ", HC_Period 20)", "batches: "
                    + seen + "; healthy again " + afterMillis + " ms after the last failure (once the failures "
                    + "that put it over the limit are older than the oldest kept sample)");
            assertThat(api.get("/api/v1/health")).hasToString("200 ok\n");
            assertThat(api.get("/api/v2/health").body()).contains("\"status\":\"ok\"");
            assertThat(seen.get(0)).as("below the limit it is healthy").endsWith("-> 200");
        }
    }
}
