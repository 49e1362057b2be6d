package io.sluice.distribution.storage;

import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.SluiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One run of the real launcher on a configuration with a {@code storage.path}: the ports it bound (read from its log),
 * its counters, {@code /api/v1/storage}, and a way to end it with SIGKILL. Closing it stops the process if it still
 * runs.
 */
final class StoredSluice implements AutoCloseable {

    private final SluiceProcess process;
    private final int tcpPort;
    private final int httpPort;
    private final MonitoringApi api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StoredSluice(SluiceProcess process, int tcpPort, int httpPort) {
        this.process = process;
        this.tcpPort = tcpPort;
        this.httpPort = httpPort;
        this.api = new MonitoringApi(httpPort);
    }

    /** Starts {@code bin/sluice -c config} and waits until its tcp input and its monitoring API listen. */
    static StoredSluice start(Path config) throws IOException, InterruptedException {
        SluiceProcess process = SluiceProcess.startOn(config, line -> { });
        try {
            int tcp = process.tcpPort();
            int http = process.httpPort();
            return new StoredSluice(process, tcp, http);
        } catch (AssertionError | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    SluiceProcess process() {
        return process;
    }

    int tcpPort() {
        return tcpPort;
    }

    MonitoringApi api() {
        return api;
    }

    /** Records the tcp input has counted in this run ({@code fluentbit_input_records_total{name="tcp.0"}}). */
    long counted() {
        return api.input("tcp.0", "records");
    }

    /** An output counter of {@code websocket.0}, e.g. {@code proc_records} or {@code dropped_records}. */
    long output(String counter) {
        return api.output("websocket.0", counter);
    }

    /**
     * The value of a series of the Prometheus text, e.g. {@code sluice_storage_corrupt_chunks_total} or
     * {@code sluice_storage_evicted_records_total{name="websocket.0"}}; fails when it is absent.
     */
    long series(String series) {
        String text = get("/api/v1/metrics/prometheus");
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Long.parseLong(line.substring(series.length() + 1).split(" ")[0]);
            }
        }
        throw new AssertionError("no " + series + " in the monitoring API's answer:\n" + text);
    }

    /** The body of {@code GET path} on the monitoring API; fails unless it answers 200. */
    String get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("monitoring API unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Ends the process with SIGKILL, as the OOM killer or {@code kill -9} would, and waits for it to be gone. */
    int kill() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        return process.waitForExit(Duration.ofSeconds(20));
    }

    /** Sends SIGTERM and waits for a graceful exit; returns the exit status. */
    int stop() throws InterruptedException {
        process.terminate();
        return process.waitForExit(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
