package io.sluice.distribution.badinput;

import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.SluiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real launcher running {@code tcp → stdout} (json_lines) with the monitoring API on, both on free ports of
 * 127.0.0.1: the records it prints are counted per sender, its log lines kept. Closing it kills the process.
 */
final class TcpToStdout implements AutoCloseable {

    final ReceivedRecords received = new ReceivedRecords();
    private final SluiceProcess process;
    final int tcpPort;
    private final MonitoringApi api;

    private TcpToStdout(Path config) throws IOException, InterruptedException {
        process = SluiceProcess.startOn(config, received::accept);
        try {
            tcpPort = process.tcpPort();
            api = new MonitoringApi(process.httpPort());
        } catch (RuntimeException | Error | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    /** Starts sluice with the tcp input's extra settings {@code tcpSettings} (e.g. {@code "Buffer_Size 4"}). */
    static TcpToStdout start(Path dir, String... tcpSettings) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(List.of(
                "[SERVICE]", "    Flush 0.2", "    Grace 1",
                "    HTTP_Server on", "    HTTP_Listen 127.0.0.1", "    HTTP_Port 0",
                "[INPUT]", "    Name tcp", "    Listen 127.0.0.1", "    Port 0"));
        for (String s : tcpSettings) {
            lines.add("    " + s);
        }
        lines.addAll(List.of("[OUTPUT]", "    Name stdout", "    Match *", "    Format json_lines", ""));
        return new TcpToStdout(Files.writeString(Files.createTempFile(dir, "sluice", ".conf"),
                String.join("\n", lines)));
    }

    /** The tcp input's own counter {@code sluice_input_<name>_total{name="tcp.0"}} from the monitoring API. */
    long tcpCounter(String name) {
        return api.inputPlugin("tcp.0", name);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** How many log lines so far contain {@code text}. */
    long logLinesContaining(String text) {
        return process.logLinesWith(text).size();
    }

    /** Log lines at error level, or telling of an exception: there should be none, whatever the input. */
    List<String> errorLines() {
        return process.stderr().stream().filter(l -> l.contains("[error]") || l.contains("Exception")).toList();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
