package io.sluice.distribution.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedRecords;
import io.sluice.distribution.support.SluiceProcess;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload through the real launcher (yaml-and-reload.md §8 and §10): the configuration file is rewritten and
 * sluice is told to reload by SIGHUP or by {@code POST /api/v2/reload}, while numbered records flow from one kept TCP
 * connection through the tcp input into the websocket output. Nothing the sender wrote is lost, the connection is
 * never reset, buffered chunks follow a changed output, and a configuration that is invalid or cannot start leaves
 * the running pipeline as it was while the HTTP caller gets the error.
 */
class HotReloadIT {

    private static final Duration RELOAD = Duration.ofSeconds(60);
    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final int PER_TICK = 20;
    private static final long TICK_MILLIS = 20;

    @TempDir
    Path tmp;

    /** tcp (port 0, kept) into websocket at {@code uri}, plus a null output whose Match changes harmlessly. */
    private static OpsConfig pipeline(int wsPort, String uri, String nullMatch) {
        OpsConfig config = OpsConfig.quick().monitoring().service("Hot_Reload", "On");
        config.tcpInput(0, "numbered");
        config.websocketOutput("numbered", wsPort, uri);
        config.output("null").set("Match", nullMatch);
        return config;
    }

    @Test
    void twentyReloadsBySighupAndHttpLoseNothingAndNeverResetTheKeptConnection() throws Exception {
        Path conf = tmp.resolve("sluice.conf");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(
                     pipeline(server.port(), "/ingest-0", "nothing.0").writeTo(conf))) {
            ControlApi api = new ControlApi(sluice.httpPort());
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            int uriChanges = 0;
            int bySignal = 0;
            int byHttp = 0;
            long sent;
            try (KeptConnectionSender sender = KeptConnectionSender.start(sluice.tcpPort(), PER_TICK, TICK_MILLIS)) {
                awaitArrivedUpTo(server, sluice, PER_TICK * 20);
                int generation = 0;
                for (int i = 0; i < 20; i++) {
                    if (i % 4 == 3) {
                        generation++;
                        uriChanges++;
                    }
                    // every reload changes the null output (a harmless change); every fourth also the websocket URI
                    pipeline(server.port(), "/ingest-" + generation, "nothing." + (i + 1)).writeTo(conf);
                    if (i % 2 == 0) {
                        Kill.send("HUP", sluice.pid());
                        bySignal++;
                    } else {
                        ControlApi.Answer answer = api.reloadAndWait();
                        assertThat(answer.status()).as("reload %d over HTTP: %s\n%s", i + 1, answer, sluice.tail())
                                .isEqualTo(200);
                        assertThat(answer.body()).isEqualTo("{\"reload\":\"done\",\"status\":0}");
                        byHttp++;
                    }
                    long expected = i + 1;
                    Awaitility.await().atMost(RELOAD).pollInterval(Duration.ofMillis(50))
                            .until(api::reloadCount, c -> c >= expected);
                    assertThat(api.reloadCount()).as("hot_reload_count after reload %d", expected)
                            .isEqualTo(expected);
                    // records written after this reload get through before the next one
                    awaitArrivedUpTo(server, sluice, sender.sent() + PER_TICK * 5);
                    assertThat(sender.closedBySluice()).as("the sender's connection after reload %d", expected)
                            .isNull();
                }
                sent = sender.pause();
                ReceivedRecords received = Received.awaitAll(server, sluice, sent, DELIVERY);
                String resets = sender.closedBySluice() == null && sender.writeFailure() == null ? "none"
                        : "closed: " + sender.closedBySluice() + ", write failure: " + sender.writeFailure();
                Received.report("20 reloads (" + bySignal + " by SIGHUP, " + byHttp + " by HTTP, " + uriChanges
                        + " changing the websocket URI) over one kept connection", "sent " + sent + "; "
                        + received.summary(0, sent - 1) + "; duplicated seqs " + first(received.duplicatedSeqs())
                        + "; connection resets: " + resets + "; records by URI " + Received.recordsByPath(server)
                        + "; tcp connections accepted " + counters.inputPlugin("tcp.0", "connections"));
                assertThat(received.missing(0, sent - 1)).as("records lost").isEmpty();
                assertThat(sender.writeFailure()).as("a write of the sender failed").isNull();
                assertThat(sender.closedBySluice()).as("sluice closed or reset the kept connection").isNull();
                assertThat(counters.inputPlugin("tcp.0", "connections")).as("connections the tcp input accepted")
                        .isEqualTo(1);
                assertThat(sluice.logLinesWith("[input:tcp:tcp.0] listening on")).as("the tcp input never restarts")
                        .hasSize(1);
                assertThat(sluice.logLinesWith("successful reload done")).hasSize(20);
                Map<String, Integer> byPath = Received.recordsByPath(server);
                for (int g = 0; g <= generation; g++) {
                    assertThat(byPath).as("records over each URI in turn").containsKey("/ingest-" + g);
                }
                assertThat(received.duplicates()).as("duplicated records (target: none)").isZero();
            }
        }
    }

    @Test
    void aReloadThatChangesTheOutputUriDeliversTheCarriedOverChunksToTheNewOne() throws Exception {
        Path conf = tmp.resolve("sluice.conf");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(
                     pipeline(server.port(), "/before", "nothing").writeTo(conf));
             Socket client = new Socket("127.0.0.1", sluice.tcpPort())) {
            ControlApi api = new ControlApi(sluice.httpPort());
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            OutputStream out = client.getOutputStream();
            NumberedRecords.write(out, 0, 500);
            Received.awaitRange(server, sluice, 0, 500, DELIVERY);

            // the server goes away: what arrives now waits in the old output's retries
            server.stop();
            NumberedRecords.write(out, 500, 1500);
            Awaitility.await().atMost(DELIVERY).until(() -> counters.input("tcp.0", "records") >= 1500
                    && counters.output("websocket.0", "retries") > 0);
            int handshakesBefore = server.handshakes().size();

            pipeline(server.port(), "/after", "nothing").writeTo(conf);
            ControlApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).as("%s\n%s", answer, sluice.tail()).isEqualTo(200);
            server.start();
            NumberedRecords.write(out, 1500, 2000);

            ReceivedRecords received = Received.awaitAll(server, sluice, 2000, DELIVERY);
            Received.report("URI /before -> /after with 1000 records in retry", received.summary(0, 1999)
                    + "; records by URI " + Received.recordsByPath(server));
            assertThat(received.missing(0, 1999)).isEmpty();
            assertThat(Received.seqsOnPath(server, "/after", s -> s >= 500 && s < 1500))
                    .as("the carried-over records went to the new URI").hasSize(1000);
            assertThat(Received.seqsOnPath(server, "/before", s -> s >= 500)).as("records on the old URI after the "
                    + "server went away").isEmpty();
            assertThat(server.handshakes().subList(handshakesBefore, server.handshakes().size()))
                    .as("connections opened after the reload").isNotEmpty()
                    .allSatisfy(h -> assertThat(h.path()).isEqualTo("/after"));
            assertThat(received.duplicates()).as("duplicates").isZero();
            sluice.awaitLog(l -> l.contains("reload: output websocket.0 stopped"), RELOAD);
        }
    }

    @Test
    void anInvalidNewConfigurationLeavesTheOldPipelineRunningAndTheHttpCallReturnsTheError() throws Exception {
        Path conf = tmp.resolve("sluice.conf");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(
                     pipeline(server.port(), "/ingest", "nothing").writeTo(conf));
             Socket client = new Socket("127.0.0.1", sluice.tcpPort())) {
            ControlApi api = new ControlApi(sluice.httpPort());
            OutputStream out = client.getOutputStream();
            NumberedRecords.write(out, 0, 200);
            Received.awaitRange(server, sluice, 0, 200, DELIVERY);

            OpsConfig invalid = pipeline(server.port(), "/elsewhere", "nothing");
            invalid.output("null").set("Match", "x").set("Colour", "red");
            invalid.writeTo(conf);
            ControlApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).as("%s", answer).isEqualTo(422);
            assertThat(answer.body()).startsWith("{\"reload\":\"failed\",\"status\":-2,\"error\":\"")
                    .contains("colour");
            ControlApi.Answer state = api.reloadState();
            assertThat(state.body()).contains("\"hot_reload_count\":0", "\"last_reload\":{\"status\":\"failed\"",
                    "colour");

            // a file that is not a configuration at all, by SIGHUP: logged, and nothing changes either
            OpsConfig.write(conf, "this is not [a configuration\n");
            Kill.send("HUP", sluice.pid());
            Awaitility.await().atMost(RELOAD).until(() -> sluice.logLinesWith("the new configuration is invalid")
                    .size() >= 2);

            NumberedRecords.write(out, 200, 400);
            ReceivedRecords received = Received.awaitAll(server, sluice, 400, DELIVERY);
            assertThat(received.missing(0, 399)).isEmpty();
            assertThat(Received.seqsOnPath(server, "/ingest", s -> s >= 200)).as("still the old output").hasSize(200);
            assertThat(server.handshakes()).allSatisfy(h -> assertThat(h.path()).isEqualTo("/ingest"));
            assertThat(sluice.logLinesWith("[input:tcp:tcp.0] listening on")).hasSize(1);
            assertThat(sluice.logLinesWith("reload: output")).as("no output was stopped").isEmpty();
            assertThat(api.reloadCount()).isZero();

            // and the pipeline it kept still reloads
            pipeline(server.port(), "/fixed", "nothing").writeTo(conf);
            assertThat(api.reloadAndWait().status()).isEqualTo(200);
            assertThat(api.reloadCount()).isEqualTo(1);
            assertThat(api.reloadState().body()).contains("\"last_reload\":{\"status\":\"ok\"");
        }
    }

    @Test
    void aNewConfigurationWhoseOutputFailsToStartLeavesTheOldPipelineRunning() throws Exception {
        Path conf = tmp.resolve("sluice.conf");
        Path badCa = Files.writeString(tmp.resolve("not-a-certificate.pem"), "garbage\n");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(
                     pipeline(server.port(), "/ingest", "nothing").writeTo(conf));
             Socket client = new Socket("127.0.0.1", sluice.tcpPort())) {
            ControlApi api = new ControlApi(sluice.httpPort());
            OutputStream out = client.getOutputStream();
            NumberedRecords.write(out, 0, 200);
            Received.awaitRange(server, sluice, 0, 200, DELIVERY);

            // valid as a file; the output's TLS set-up fails only when the plugin starts
            OpsConfig failing = OpsConfig.quick().monitoring().service("Hot_Reload", "On");
            failing.tcpInput(0, "numbered");
            failing.websocketOutput("numbered", server.port(), "/tls").set("tls", "on")
                    .set("tls.ca_file", badCa);
            failing.output("null").set("Match", "nothing");
            failing.writeTo(conf);
            ControlApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).as("%s\n%s", answer, sluice.tail()).isEqualTo(422);
            assertThat(answer.body()).startsWith("{\"reload\":\"failed\",\"status\":-2,\"error\":\"")
                    .contains("websocket.0", "failed to start", "TLS");
            assertThat(api.reloadState().body()).contains("\"hot_reload_count\":0",
                    "\"last_reload\":{\"status\":\"failed\"");

            Kill.send("HUP", sluice.pid());
            Awaitility.await().atMost(RELOAD).until(() -> sluice.logLinesWith("the new pipeline could not start")
                    .size() >= 2);

            NumberedRecords.write(out, 200, 400);
            ReceivedRecords received = Received.awaitAll(server, sluice, 400, DELIVERY);
            assertThat(received.missing(0, 399)).isEmpty();
            assertThat(server.handshakes()).allSatisfy(h -> assertThat(h.path()).isEqualTo("/ingest"));
            assertThat(sluice.logLinesWith("[input:tcp:tcp.0] listening on")).hasSize(1);
            assertThat(sluice.isAlive()).isTrue();
        }
    }

    @Test
    void aNewConfigurationWithAnInputThatCannotListenLeavesTheOldPipelineAsItWas() throws Exception {
        Path conf = tmp.resolve("sluice.conf");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SluiceProcess sluice = SluiceProcess.startListening(
                     pipeline(server.port(), "/before", "nothing").writeTo(conf));
             Socket client = new Socket("127.0.0.1", sluice.tcpPort())) {
            ControlApi api = new ControlApi(sluice.httpPort());
            OutputStream out = client.getOutputStream();
            NumberedRecords.write(out, 0, 200);
            Received.awaitRange(server, sluice, 0, 200, DELIVERY);

            // the output changes and a second input is added whose port is taken: the input fails at start
            OpsConfig next = pipeline(server.port(), "/after", "nothing");
            next.tcpInput(taken.getLocalPort(), "numbered");
            next.writeTo(conf);
            ControlApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).as("%s\n%s", answer, sluice.tail()).isEqualTo(422);
            assertThat(answer.body()).contains("tcp.1", String.valueOf(taken.getLocalPort()));
            assertThat(api.reloadState().body()).contains("\"hot_reload_count\":0");

            NumberedRecords.write(out, 200, 400);
            ReceivedRecords received = Received.awaitAll(server, sluice, 400, DELIVERY);
            Received.report("reload with an input that cannot listen", "records by URI "
                    + Received.recordsByPath(server) + "; " + received.summary(0, 399));
            assertThat(received.missing(0, 399)).isEmpty();
            assertThat(Received.seqsOnPath(server, "/after", s -> true).size())
                    .as("records that went to the output of the configuration that failed (422 says the running "
                            + "pipeline is unchanged)").isZero();
            assertThat(server.handshakes()).allSatisfy(h -> assertThat(h.path()).isEqualTo("/before"));
        }
    }

    @Test
    void aChangedInputThatCannotListenIsReplacedByTheOldOneOnItsPort() throws Exception {
        Path conf = tmp.resolve("sluice.conf");
        int port = NumberedRecords.freePort();
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            OpsConfig first = OpsConfig.quick().monitoring().service("Hot_Reload", "On");
            first.tcpInput(port, "numbered");
            first.websocketOutput("numbered", server.port(), "/ingest");
            try (SluiceProcess sluice = SluiceProcess.startListening(first.writeTo(conf));
                 KeptConnectionSender kept = KeptConnectionSender.start(port, 10, 20)) {
                ControlApi api = new ControlApi(sluice.httpPort());
                Received.awaitRange(server, sluice, 0, 100, DELIVERY);

                OpsConfig moved = OpsConfig.quick().monitoring().service("Hot_Reload", "On");
                moved.tcpInput(taken.getLocalPort(), "numbered");
                moved.websocketOutput("numbered", server.port(), "/ingest");
                moved.writeTo(conf);
                ControlApi.Answer answer = api.reloadAndWait();
                assertThat(answer.status()).as("%s\n%s", answer, sluice.tail()).isEqualTo(422);
                assertThat(answer.body()).contains("tcp.0", String.valueOf(taken.getLocalPort()));
                sluice.awaitLog(l -> l.contains("runs again as before the reload"), RELOAD);

                // the old input listens on its port again: a new connection delivers
                long sentOnKept = kept.pause();
                try (Socket again = new Socket("127.0.0.1", port)) {
                    NumberedRecords.write(again.getOutputStream(), 1_000_000, 1_000_100);
                    Received.awaitRange(server, sluice, 1_000_000, 1_000_100, DELIVERY);
                }
                ReceivedRecords received = server.seqs("seq");
                Received.report("changed input that cannot listen", "kept connection: "
                        + (kept.closedBySluice() == null ? "still open" : kept.closedBySluice())
                        + "; write failure: " + kept.writeFailure() + "; of the " + sentOnKept
                        + " records written on it " + received.missingCount(0, sentOnKept - 1) + " missing "
                        + received.missing(0, sentOnKept - 1) + "; reload log: "
                        + sluice.logLinesWith("reload"));
                assertThat(sluice.logLinesWith("[input:tcp:tcp.0] listening on 127.0.0.1:" + port)).hasSize(2);
            }
        }
    }

    @Test
    void httpReloadWhenHotReloadIsOffAnswers400AndChangesNothing() throws Exception {
        Path conf = tmp.resolve("sluice.conf");
        OpsConfig config = OpsConfig.quick().monitoring();
        config.input("dummy").set("Tag", "d");
        config.output("null").set("Match", "*");
        try (SluiceProcess sluice = SluiceProcess.startOn(config.writeTo(conf), line -> { })) {
            ControlApi api = new ControlApi(sluice.httpPort());
            ControlApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).isEqualTo("{\"reload\":\"not enabled\",\"status\":-1}");
            assertThat(api.reloadNoWait().status()).isEqualTo(400);
            assertThat(api.reloadState().body()).contains("\"hot_reload_count\":0");
            assertThat(sluice.isAlive()).isTrue();
        }
    }

    /** Waits until every seq below {@code upTo} has arrived. */
    private static void awaitArrivedUpTo(FakeWebSocketServer server, SluiceProcess sluice, long upTo) {
        Received.awaitRange(server, sluice, 0, upTo, DELIVERY);
    }

    private static String first(Map<Long, Integer> duplicated) {
        return duplicated.isEmpty() ? "none" : duplicated.entrySet().stream().limit(10).toList()
                + (duplicated.size() > 10 ? " ... (" + duplicated.size() + " seqs)" : "");
    }
}
