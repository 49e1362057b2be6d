package io.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.SluiceProcess;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The basic filters through the real launcher: tcp → grep + modify + record_modifier + nest + rewrite_tag → stdout
 * (json_lines) and websocket. Every record is accounted for: kept, dropped by a rule, or re-tagged, and the filter
 * counters, in the Prometheus text and in the JSON {@code /api/v1/metrics} alike, match what the outputs received.
 */
class FiltersIT {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final int RECORDS = 300;

    @TempDir
    Path tmp;

    private PipelineIT.CollectingServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop(2000);
        }
    }

    @Test
    void everyRecordIsKeptDroppedOrReTaggedAndTheCountersSaySo() throws Exception {
        server = PipelineIT.CollectingServer.launch();
        ClassicConfig config = ClassicConfig.empty().service("Flush", "0.2").monitoring();
        config.addTcpInput().set("Tag", "app");
        config.addFilter("grep").set("Match", "app").set("Exclude", "level ^debug$");
        config.addFilter("modify").set("Match", "app").set("Set", "env prod").set("Rename", "msg message");
        config.addFilter("record_modifier").set("Match", "app").set("Record", "source sluice-test");
        config.addFilter("nest").set("Match", "app").set("Operation", "nest").set("Wildcard", "env")
                .add("Wildcard", "source").set("Nest_under", "meta");
        config.addFilter("rewrite_tag").set("Match", "app").set("Rule", "$level ^error$ alerts false");
        config.addOutput("stdout").set("Match", "app").set("Format", "json_lines");
        config.addOutput("websocket").set("Match", "alerts").set("Host", "127.0.0.1").set("Port", server.getPort())
                .set("Format", "json_lines");
        Path conf = config.writeTo(tmp.resolve("filters.conf"));
        try (SluiceProcess p = SluiceProcess.start("-c", conf.toString())) {
            int port = p.tcpPort();
            try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
                for (int i = 0; i < RECORDS; i++) {
                    String level = i % 3 == 0 ? "debug" : i % 3 == 1 ? "error" : "info";
                    out.write(("{\"seq\":" + i + ",\"level\":\"" + level + "\",\"msg\":\"m" + i + "\"}\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            MonitoringApi api = new MonitoringApi(p.httpPort());
            await().atMost(Duration.ofSeconds(30)).until(() -> p.stdout().stream()
                    .filter(l -> l.startsWith("{")).count() == RECORDS / 3 && server.seqs.size() == RECORDS / 3);

            List<String> printed = p.stdout().stream().filter(l -> l.startsWith("{")).toList();
            assertThat(printed).allSatisfy(line -> assertThat(line)
                    .contains("\"level\":\"info\"", "\"message\":\"m", "\"meta\":{\"env\":\"prod\",\"source\":"
                            + "\"sluice-test\"}").doesNotContain("\"msg\":"));
            assertThat(printed.stream().map(FiltersIT::seq).toList())
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, RECORDS).filter(i -> i % 3 == 2)
                            .boxed().toList());
            assertThat(server.seqs).containsExactlyInAnyOrderElementsOf(LongStream.range(0, RECORDS)
                    .filter(i -> i % 3 == 1).boxed().toList());
            assertThat(server.seqsReceived).as("none twice").hasValue(RECORDS / 3);

            assertThat(api.input("tcp.0", "records")).isEqualTo(RECORDS);
            assertThat(api.filter("grep.0", "records")).isEqualTo(RECORDS);
            assertThat(api.filter("grep.0", "drop_records")).isEqualTo(RECORDS / 3);
            assertThat(api.filter("modify.1", "records")).isEqualTo(2 * RECORDS / 3);
            assertThat(api.filter("rewrite_tag.4", "emit_records")).isEqualTo(RECORDS / 3);
            assertThat(api.filter("rewrite_tag.4", "drop_records")).isEqualTo(RECORDS / 3);
            assertThat(api.output("stdout.0", "proc_records")).isEqualTo(RECORDS / 3);
            assertThat(api.output("websocket.1", "proc_records")).isEqualTo(RECORDS / 3);

            // the JSON /api/v1/metrics says the same as the Prometheus text, filter by filter
            assertThat(api.metricsJson("filter", "grep.0", "records")).isEqualTo(RECORDS);
            assertThat(api.metricsJson("filter", "grep.0", "drop_records")).isEqualTo(RECORDS / 3);
            assertThat(api.metricsJson("filter", "rewrite_tag.4", "drop_records")).isEqualTo(RECORDS / 3);
            for (String filter : List.of("grep.0", "modify.1", "record_modifier.2", "nest.3", "rewrite_tag.4")) {
                for (String counter : List.of("records", "drop_records", "add_records", "emit_records")) {
                    assertThat(api.metricsJson("filter", filter, counter)).as(filter + " " + counter)
                            .isEqualTo(api.filter(filter, counter));
                }
            }
            p.terminate();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void aFilterCanBeDeclaredOnTheCommandLineAndPrintsItsHelp() throws Exception {
        for (String filter : List.of("grep", "modify", "record_modifier", "nest", "rewrite_tag", "throttle")) {
            try (SluiceProcess help = SluiceProcess.start("-F", filter, "-h")) {
                assertThat(help.waitForExit(Duration.ofSeconds(30))).as(filter).isZero();
                assertThat(String.join("\n", help.stdout())).contains(filter + " filter plugin", "DESCRIPTION");
            }
        }
        try (SluiceProcess p = SluiceProcess.start("-i", "dummy", "-p", "dummy={\"log\":\"apple\"}", "-p", "rate=20",
                "-F", "grep", "-p", "regex=log ^a", "-m", "*", "-o", "stdout", "-p", "format=json_lines", "-m", "*",
                "-f", "0.2")) {
            p.awaitStdout(l -> l.contains("\"log\":\"apple\""), Duration.ofSeconds(20));
            p.terminate();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isZero();
        }
    }

    private static long seq(String line) {
        Matcher m = SEQ.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Long.parseLong(m.group(1));
    }
}
