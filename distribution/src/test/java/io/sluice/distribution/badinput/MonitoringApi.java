package io.sluice.distribution.badinput;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The counters a user reads from sluice's monitoring API ({@code /api/v1/metrics/prometheus}). */
final class MonitoringApi {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI prometheus;

    MonitoringApi(int port) {
        prometheus = URI.create("http://127.0.0.1:" + port + "/api/v1/metrics/prometheus");
    }

    /** The tcp input's own counter {@code sluice_input_<name>_total{name="tcp.0"}}. */
    long tcpCounter(String name) {
        return metric("sluice_input_" + name + "_total{name=\"tcp.0\"}");
    }

    /** Records the tcp input handed to the engine ({@code fluentbit_input_records_total}). */
    long tcpRecords() {
        return metric("fluentbit_input_records_total{name=\"tcp.0\"}");
    }

    private long metric(String series) {
        String text = get();
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Long.parseLong(line.substring(series.length() + 1).split(" ")[0]);
            }
        }
        throw new AssertionError("no " + series + " in the monitoring API's answer:\n" + text);
    }

    private String get() {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("monitoring API answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("monitoring API unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
