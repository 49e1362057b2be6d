package io.sluice.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.core.config.HealthSettings;
import io.sluice.core.engine.InstanceSnapshot;
import io.sluice.core.engine.MetricsSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitoringServerTest {

    private MonitoringServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("proc_records", 5L);
        out.put("proc_bytes", 1585L);
        out.put("errors", 0L);
        Map<String, Long> in = new LinkedHashMap<>();
        in.put("records", 8L);
        in.put("bytes", 2536L);
        MetricsSnapshot snapshot = new MetricsSnapshot(
                List.of(new InstanceSnapshot("tcp.0", "tcp", in, Map.of("invalid_json", 2L))), List.of(),
                List.of(new InstanceSnapshot("websocket.1", "websocket", out, Map.of())));
        server = MonitoringServer.start("127.0.0.1", 0, () -> snapshot, "0.1.0");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsJsonHasFluentBitsShape() throws Exception {
        HttpResponse<String> response = get("/api/v1/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"input\":{\"tcp.0\":{\"records\":8,\"bytes\":2536}},\"filter\":{},"
                + "\"output\":{\"websocket.1\":{\"proc_records\":5,\"proc_bytes\":1585,\"errors\":0}}}");
    }

    @Test
    void prometheusTextListsEveryCounterWithHelpAndType() throws Exception {
        String body = get("/api/v1/metrics/prometheus").body();
        assertThat(body).contains("# TYPE fluentbit_input_records_total counter\n")
                .containsPattern("fluentbit_input_records_total\\{name=\"tcp.0\"} 8 \\d+\n")
                .containsPattern("fluentbit_output_proc_bytes_total\\{name=\"websocket.1\"} 1585 \\d+\n")
                .containsPattern("sluice_input_invalid_json_total\\{name=\"tcp.0\"} 2 \\d+\n")
                .contains("fluentbit_build_info{version=\"0.1.0\"");
    }

    @Test
    void uptimeAndUnknownPaths() throws Exception {
        assertThat(get("/api/v1/uptime").body()).startsWith("{\"uptime_sec\":0,")
                .contains("has been running:  0 day, 0 hour, 0 minute and 0 second");
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void v2PrometheusHasFluentBitsV2NamesWithoutTimestampsAndThePluginCounters() throws Exception {
        HttpResponse<String> response = get("/api/v2/metrics/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4");
        String body = response.body();
        assertThat(body).matches("(?s)# HELP fluentbit_uptime Number of seconds that sluice has been running\\.\n"
                + "# TYPE fluentbit_uptime counter\n"
                + "fluentbit_uptime\\{hostname=\"[^\"]+\"} \\d+\n"
                + "# HELP fluentbit_input_records_total Number of input records\\.\n"
                + "# TYPE fluentbit_input_records_total counter\n"
                + "fluentbit_input_records_total\\{name=\"tcp\\.0\"} 8\n"
                + "# HELP fluentbit_input_bytes_total Number of input bytes\\.\n"
                + "# TYPE fluentbit_input_bytes_total counter\n"
                + "fluentbit_input_bytes_total\\{name=\"tcp\\.0\"} 2536\n"
                + "# HELP fluentbit_output_proc_records_total Number of processed output records\\.\n"
                + "# TYPE fluentbit_output_proc_records_total counter\n"
                + "fluentbit_output_proc_records_total\\{name=\"websocket\\.1\"} 5\n"
                + ".*"
                + "fluentbit_output_errors_total\\{name=\"websocket\\.1\"} 0\n"
                + "# HELP sluice_input_invalid_json_total .*\n"
                + "# TYPE sluice_input_invalid_json_total counter\n"
                + "sluice_input_invalid_json_total\\{name=\"tcp\\.0\"} 2\n"
                + "# HELP fluentbit_process_start_time_seconds Start time of the process since unix epoch in "
                + "seconds\\.\n"
                + "# TYPE fluentbit_process_start_time_seconds gauge\n"
                + "fluentbit_process_start_time_seconds\\{hostname=\"[^\"]+\"} \\d{10}\n"
                + "# HELP fluentbit_build_info Build version information\\.\n"
                + "# TYPE fluentbit_build_info gauge\n"
                + "fluentbit_build_info\\{hostname=\"[^\"]+\",version=\"0\\.1\\.0\",os=\"[a-z0-9]+\"} 1\n");
        assertThat(body).contains("# HELP fluentbit_output_proc_bytes_total Number of processed output bytes.\n"
                + "# TYPE fluentbit_output_proc_bytes_total counter\n"
                + "fluentbit_output_proc_bytes_total{name=\"websocket.1\"} 1585\n");
    }

    @Test
    void v2MetricsIsCmetricsTextOneLinePerSeries() throws Exception {
        HttpResponse<String> response = get("/api/v2/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).isEmpty();
        List<String> lines = response.body().lines().toList();
        String ts = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z ";
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).matches(ts + "fluentbit_uptime\\{hostname=\"[^\"]+\"} = \\d+");
        assertThat(lines.get(1)).matches(ts + "fluentbit_input_records_total\\{name=\"tcp\\.0\"} = 8");
        assertThat(lines.get(2)).matches(ts + "fluentbit_input_bytes_total\\{name=\"tcp\\.0\"} = 2536");
        assertThat(lines.get(3)).matches(ts + "fluentbit_output_proc_records_total\\{name=\"websocket\\.1\"} = 5");
        assertThat(lines.get(6)).matches(ts + "sluice_input_invalid_json_total\\{name=\"tcp\\.0\"} = 2");
        assertThat(lines.get(7)).matches(ts + "fluentbit_process_start_time_seconds\\{hostname=\"[^\"]+\"} = \\d{10}");
        assertThat(lines.get(8)).matches(ts + "fluentbit_build_info\\{hostname=\"[^\"]+\",version=\"0\\.1\\.0\","
                + "os=\"[a-z0-9]+\"} = 1");
    }

    @Test
    void healthIsOnlyOnV1WithTheHealthCheckOnButAlwaysOnV2() throws Exception {
        assertThat(get("/api/v1/health").statusCode()).isEqualTo(404);
        HttpResponse<String> v2 = get("/api/v2/health");
        assertThat(v2.statusCode()).isEqualTo(200);
        assertThat(v2.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(v2.body()).isEqualTo("{\"status\":\"ok\",\"errors\":0,\"retries_failed\":0,\"error_limit\":5,"
                + "\"retry_failure_limit\":5,\"period_limit\":60}");
    }

    @Test
    void storageIsOnV1AsJsonAndItsGaugesOnBothPrometheusEndpoints() throws Exception {
        server.close();
        io.sluice.core.engine.StorageSnapshot storage = new io.sluice.core.engine.StorageSnapshot(
                List.of(new io.sluice.core.engine.StorageSnapshot.InputStorage("tcp.0", "filesystem", false, 4096,
                        0, 3, 1, 2, 1, 2048)), 9000, 1, 0, 0, Map.of("websocket.1", 40L), Map.of(), true,
                Map.of("websocket.1", 62.5));
        server = MonitoringServer.start("127.0.0.1", 0, () -> new MetricsSnapshot(List.of(), List.of(),
                List.of()), "0.1.0", HealthSettings.defaults(), () -> storage, null);

        assertThat(get("/api/v1/storage").body()).contains("\"tcp.0\"", "\"corrupt_chunks\":1");
        for (String path : List.of("/api/v1/metrics/prometheus", "/api/v2/metrics/prometheus")) {
            assertThat(get(path).body()).as(path).contains("fluentbit_storage_fs_chunks_down 2",
                    "fluentbit_input_storage_chunks{name=\"tcp.0\"} 3", "sluice_storage_disk_bytes 9000",
                    "sluice_storage_evicted_records_total{name=\"websocket.1\"} 40",
                    "fluentbit_output_chunk_available_capacity_percent{name=\"websocket.1\"} 62.50");
        }
    }

    @Test
    void clientsWaitingForAReloadHoldNoWorkerSoOtherRequestsAreStillAnswered() throws Exception {
        server.close();
        CompletableFuture<ReloadApi.Outcome> reloadDone = new CompletableFuture<>();
        AtomicInteger asked = new AtomicInteger();
        ReloadApi reload = new ReloadApi() {
            @Override
            public CompletableFuture<ReloadApi.Outcome> reload(boolean wait) {
                asked.incrementAndGet();
                return reloadDone;
            }

            @Override
            public long count() {
                return 0;
            }

            @Override
            public String lastJson() {
                return null;
            }
        };
        server = MonitoringServer.start("127.0.0.1", 0, () -> new MetricsSnapshot(List.of(), List.of(),
                List.of()), "0.1.0", HealthSettings.defaults(), null, reload);
        // more clients waiting for the reload than the server has worker threads (2)
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> waiting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiting.add(clients.submit(() -> RawHttp.exchange(server.port(),
                        "POST /api/v2/reload?wait=true HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                                + "Connection: close\r\n\r\n")));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(asked).hasValue(4));

            assertThat(get("/api/v1/uptime").statusCode()).isEqualTo(200);
            assertThat(waiting).noneMatch(Future::isDone);

            reloadDone.complete(new ReloadApi.Outcome(200, "{\"reload\":\"done\",\"status\":0}"));
            for (Future<String> answer : waiting) {
                assertThat(answer.get(20, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200 ")
                        .endsWith("{\"reload\":\"done\",\"status\":0}");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void percentG17LikeC() {
        assertThat(MetricsRendering.g17(0)).isEqualTo("0");
        assertThat(MetricsRendering.g17(8)).isEqualTo("8");
        assertThat(MetricsRendering.g17(1755691200)).isEqualTo("1755691200");
        assertThat(MetricsRendering.g17(99_999_999_999_999_984d)).isEqualTo("99999999999999984");
        assertThat(MetricsRendering.g17(1e17)).isEqualTo("1e+17");
        assertThat(MetricsRendering.g17(123456789012345678d)).isEqualTo("1.2345678901234568e+17");
        assertThat(MetricsRendering.g17(1.5)).isEqualTo("1.5");
        assertThat(MetricsRendering.g17(0.1)).isEqualTo("0.10000000000000001");
        assertThat(MetricsRendering.g17(0.0001)).isEqualTo("0.0001");
        assertThat(MetricsRendering.g17(0.00001)).isEqualTo("1.0000000000000001e-05");
        assertThat(MetricsRendering.g17(-2.5e300)).isEqualTo("-2.5000000000000001e+300");
    }

    @Test
    void uptimeTextUsesPluralsOnlyAboveOne() {
        assertThat(MetricsRendering.uptimeText(2 * 86400 + 3600 + 5 * 60 + 1))
                .endsWith("2 days, 1 hour, 5 minutes and 1 second");
    }
}
