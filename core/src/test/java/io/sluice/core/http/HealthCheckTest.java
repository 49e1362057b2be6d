package io.sluice.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.core.config.HealthSettings;
import io.sluice.core.engine.InstanceSnapshot;
import io.sluice.core.engine.MetricsSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health check through real HTTP, its one-second samples stepped by hand: HC_Errors_Count errors within
 * HC_Period turn it unhealthy, and it turns healthy again once they have left the window.
 */
class HealthCheckTest {

    /** Steps the sampler by hand: each {@link #tick()} is one second. */
    private static final class ManualClock implements SampleClock {
        private volatile Runnable sample;

        @Override
        public AutoCloseable start(Runnable task) {
            sample = task;
            return () -> sample = null;
        }

        void tick() {
            sample.run();
        }

        boolean started() {
            return sample != null;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final AtomicReference<MetricsSnapshot> snapshot = new AtomicReference<>();
    private MonitoringServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(HealthSettings healthCheck) throws Exception {
        outputs(0, 0, 0, 0);
        server = MonitoringServer.start("127.0.0.1", 0, snapshot::get, "0.1.0", healthCheck, clock,
                ServerLimits.DEFAULTS);
    }

    /** Two outputs, so that the sums over all outputs count. */
    private void outputs(long errorsA, long retriesFailedA, long errorsB, long retriesFailedB) {
        snapshot.set(new MetricsSnapshot(List.of(), List.of(),
                List.of(output("a.0", errorsA, retriesFailedA), output("b.1", errorsB, retriesFailedB))));
    }

    private static InstanceSnapshot output(String name, long errors, long retriesFailed) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("proc_records", 0L);
        c.put("errors", errors);
        c.put("retries", 7L);
        c.put("retries_failed", retriesFailed);
        return new InstanceSnapshot(name, "null", c, Map.of());
    }

    private String v1() {
        return RawHttp.exchange(server.port(), "GET /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n");
    }

    private String v2() {
        return RawHttp.exchange(server.port(), "GET /api/v2/health HTTP/1.1\r\nConnection: close\r\n\r\n");
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private void assertHealthy(long errors, long retriesFailed) {
        String v1 = v1();
        assertThat(v1).startsWith("HTTP/1.1 200 ").doesNotContain("Content-Type");
        assertThat(body(v1)).isEqualTo("ok\n");
        String v2 = v2();
        assertThat(v2).startsWith("HTTP/1.1 200 ").contains("Content-Type: application/json\r\n");
        assertThat(body(v2)).isEqualTo("{\"status\":\"ok\",\"errors\":" + errors + ",\"retries_failed\":"
                + retriesFailed + ",\"error_limit\":2,\"retry_failure_limit\":1,\"period_limit\":3}");
    }

    private void assertUnhealthy(long errors, long retriesFailed) {
        String v1 = v1();
        assertThat(v1).startsWith("HTTP/1.1 500 ").doesNotContain("Content-Type");
        assertThat(body(v1)).isEqualTo("error\n");
        String v2 = v2();
        assertThat(v2).startsWith("HTTP/1.1 500 ");
        assertThat(body(v2)).isEqualTo("{\"status\":\"error\",\"errors\":" + errors + ",\"retries_failed\":"
                + retriesFailed + ",\"error_limit\":2,\"retry_failure_limit\":1,\"period_limit\":3}");
    }

    @Test
    void moreErrorsThanTheLimitWithinThePeriodIsUnhealthyUntilTheyLeaveTheWindow() throws Exception {
        start(new HealthSettings(true, 2, 1, 3));
        assertHealthy(0, 0); // no sample yet
        clock.tick();
        assertHealthy(0, 0);
        outputs(1, 0, 1, 0);
        clock.tick();
        assertHealthy(2, 0); // 2 errors: not more than HC_Errors_Count
        outputs(2, 0, 1, 0);
        clock.tick();
        assertUnhealthy(3, 0); // samples 0, 2, 3: 3 − 0 > 2
        clock.tick();
        assertHealthy(1, 0); // samples 2, 3, 3: the first errors left the window
        clock.tick();
        assertHealthy(0, 0); // 3, 3, 3
    }

    @Test
    void moreRetryFailuresThanTheLimitIsUnhealthy() throws Exception {
        start(new HealthSettings(true, 2, 1, 3));
        clock.tick();
        outputs(0, 1, 0, 0);
        clock.tick();
        assertHealthy(0, 1);
        outputs(0, 1, 0, 1);
        clock.tick();
        assertUnhealthy(0, 2);
        clock.tick();
        clock.tick();
        assertHealthy(0, 0);
    }

    @Test
    void aPeriodOfOneSampleIsAlwaysHealthy() throws Exception {
        start(new HealthSettings(true, 0, 0, 1));
        clock.tick();
        outputs(100, 100, 0, 0);
        clock.tick();
        assertThat(v1()).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void withTheHealthCheckOffV1Is404AndV2SaysOkWithTheConfiguredLimits() throws Exception {
        start(new HealthSettings(false, 2, 1, 3));
        assertThat(clock.started()).isFalse();
        assertThat(v1()).startsWith("HTTP/1.1 404 ");
        outputs(50, 50, 50, 50);
        String v2 = v2();
        assertThat(v2).startsWith("HTTP/1.1 200 ");
        assertThat(body(v2)).isEqualTo("{\"status\":\"ok\",\"errors\":0,\"retries_failed\":0,\"error_limit\":2,"
                + "\"retry_failure_limit\":1,\"period_limit\":3}");
    }

    @Test
    void closeStopsTheSampler() throws Exception {
        start(new HealthSettings(true, 2, 1, 3));
        assertThat(clock.started()).isTrue();
        server.close();
        assertThat(clock.started()).isFalse();
    }

    @Test
    void aPeriodBelowOneIsRejected() {
        assertThatThrownBy(() -> new HealthSettings(true, 5, 5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HC_Period");
    }

    @Test
    void theRealClockSamplesOnceASecondOnItsOwnThreadUntilClosed() throws Exception {
        AtomicInteger samples = new AtomicInteger();
        AutoCloseable running = SampleClock.EVERY_SECOND.start(samples::incrementAndGet);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> samples.get() >= 2);
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName)).contains("http-health");
        } finally {
            running.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).noneMatch(t -> t.getName().equals("http-health")));
    }
}
