package io.sluice.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.engine.InstanceSnapshot;
import io.sluice.core.engine.MetricsSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                List.of(new InstanceSnapshot("tcp.0", "tcp", in, Map.of("invalid_json", 2L))),
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
    void uptimeTextUsesPluralsOnlyAboveOne() {
        assertThat(MetricsRendering.uptimeText(2 * 86400 + 3600 + 5 * 60 + 1))
                .endsWith("2 days, 1 hour, 5 minutes and 1 second");
    }
}
