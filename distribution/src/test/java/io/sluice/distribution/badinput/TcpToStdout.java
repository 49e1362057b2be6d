package io.sluice.distribution.badinput;

import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The real launcher running {@code tcp → stdout} (json_lines) with the monitoring API on, both on ports of 127.0.0.1
 * the system picks: the records it prints are counted per sender, its log lines kept. Closing it kills the process.
 */
final class TcpToStdout implements AutoCloseable {

    /** How far a well-behaved sender may run ahead of what sluice has printed. */
    private static final int IN_FLIGHT = 1_000;

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

    /** Starts sluice with the tcp input's defaults. */
    static TcpToStdout start(Path dir) throws IOException, InterruptedException {
        return start(dir, tcp -> { });
    }

    /** Starts sluice with the tcp input's extra settings (e.g. {@code tcp.set("Buffer_Size", 4)}). */
    static TcpToStdout start(Path dir, Consumer<ClassicConfig.Section> tcpSettings)
            throws IOException, InterruptedException {
        ClassicConfig config = ClassicConfig.empty().service("Flush", "0.2").service("Grace", 1).monitoring();
        tcpSettings.accept(config.addTcpInput());
        config.addOutput("stdout").set("Match", "*").set("Format", "json_lines");
        return new TcpToStdout(config.writeTo(dir.resolve("sluice.conf")));
    }

    /**
     * A client that keeps sending numbered records ({@code "src": name}) on its own connection while a test
     * misbehaves on others, at least {@code minimum} of them and on until stopped, at most {@value #IN_FLIGHT}
     * records ahead of what sluice has printed, so it runs for the whole test without flooding it.
     */
    NumberedSender wellBehaved(String name, int minimum) throws IOException {
        return NumberedSender.to(tcpPort).source(name).atLeast(minimum).heldBack(sent -> {
            if (!received.awaitAtLeast(name, sent - IN_FLIGHT, Duration.ofSeconds(30))) {
                throw new AssertionError("sluice printed only " + received.distinct(name) + " of " + sent);
            }
        }).start();
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
        return logLines(text).size();
    }

    /** The log lines so far that contain {@code text}. */
    List<String> logLines(String text) {
        return process.logLinesWith(text);
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
