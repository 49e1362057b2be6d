package io.sluice.distribution.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The counters a user reads from sluice's monitoring API ({@code /api/v1/metrics/prometheus}). */
public final class MonitoringApi {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI prometheus;

    public MonitoringApi(int port) {
        prometheus = URI.create("http://127.0.0.1:" + port + "/api/v1/metrics/prometheus");
    }

    /** An input's engine counter, e.g. {@code input("tcp.0", "records")}: {@code fluentbit_input_records_total}. */
    public long input(String instance, String counter) {
        return metric("fluentbit_input_" + counter + "_total", instance);
    }

    /** An output's engine counter, e.g. {@code proc_records}, {@code retries_failed}, {@code dropped_records}. */
    public long output(String instance, String counter) {
        return metric("fluentbit_output_" + counter + "_total", instance);
    }

    /** A filter's engine counter, e.g. {@code filter("grep.0", "drop_records")}. */
    public long filter(String instance, String counter) {
        return metric("fluentbit_filter_" + counter + "_total", instance);
    }

    /** A counter the output plugin defines itself, e.g. {@code sluice_output_confirmed_records_total}. */
    public long outputPlugin(String instance, String counter) {
        return metric("sluice_output_" + counter + "_total", instance);
    }

    /** A counter the input plugin defines itself, e.g. {@code sluice_input_invalid_json_total}. */
    public long inputPlugin(String instance, String counter) {
        return metric("sluice_input_" + counter + "_total", instance);
    }

    private long metric(String name, String instance) {
        String series = name + "{name=\"" + instance + "\"}";
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
