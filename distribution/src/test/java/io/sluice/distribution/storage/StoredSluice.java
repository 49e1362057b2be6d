package io.sluice.distribution.storage;

import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.SluiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One run of the real launcher on a configuration with a {@code storage.path} and the monitoring API: the ports it
 * bound (read from its log), its counters, and a way to end it with SIGKILL. Closing it stops the process if it
 * still runs.
 */
final class StoredSluice implements AutoCloseable {

    private final SluiceProcess process;
    private final int tcpPort;
    private final MonitoringApi api;

    private StoredSluice(SluiceProcess process, int tcpPort, int httpPort) {
        this.process = process;
        this.tcpPort = tcpPort;
        this.api = new MonitoringApi(httpPort);
    }

    /**
     * tcp (filesystem buffering under {@code storage}) to websocket on {@code wsPort}, the monitoring API on, every
     * port 0, Grace 2 and unlimited retries with a short backoff, so nothing is given up while the server is away.
     */
    static ClassicConfig config(Path storage, int wsPort) {
        return ClassicConfig.tcpToWebSocket(wsPort).storage(storage).monitoring().unlimitedRetries()
                .service("Grace", 2);
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

    /** The monitoring API, e.g. {@code api().series("sluice_storage_corrupt_chunks_total")}. */
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
    public void close() {
        process.close();
    }
}
