package io.sluice.distribution.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.Arrivals;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedSender;
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
 * Hot reload through the real launcher: the configuration file is rewritten and
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
    private static ClassicConfig pipeline(int wsPort, String uri, String nullMatch) {
        ClassicConfig config = ClassicConfig.quick().monitoring().service("Hot_Reload", "On");
        config.addTcpInput().set("Tag", "numbered");
        config.addWebSocketOutput("numbered", wsPort, uri).unlimitedRetries();
        config.addOutput("null").set("Match", nullMatch);
        return config;
    }

    /** tcp on {@code tcpPort} (0: the system picks one) into websocket at /ingest. */
    private static ClassicConfig tcpOn(int tcpPort, int wsPort) {
        ClassicConfig config = ClassicConfig.quick().monitoring().service("Hot_Reload", "On");
        config.addTcpInput().set("Port", tcpPort).set("Tag", "numbered");
        config.addWebSocketOutput("numbered", wsPort, "/ingest").unlimitedRetries();
        return config;
    }

    @Test
    void twentyReloadsBySighupAndHttpLoseNothingAndNeverResetTheKeptConnection() throws Exception {
        Path conf = tmp.resolve("sluice.conf");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(
                     pipeline(server.port(), "/ingest-0", "nothing.0").writeTo(conf))) {
            MonitoringApi api = new MonitoringApi(sluice.httpPort());
            int uriChanges = 0;
            int bySignal = 0;
            int byHttp = 0;
            long sent;
            try (NumberedSender sender = NumberedSender.to(sluice.tcpPort()).pace(PER_TICK, TICK_MILLIS).start()) {
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
                        MonitoringApi.Answer answer = api.reloadAndWait();
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
                ReceivedRecords received = Arrivals.awaitAll(server, sluice, sent, DELIVERY);
                String resets = sender.closedBySluice() == null && sender.failure() == null ? "none"
                        : "closed: " + sender.closedBySluice() + ", write failure: " + sender.failure();
                Received.report("20 reloads (" + bySignal + " by SIGHUP, " + byHttp + " by HTTP, " + uriChanges
                        + " changing the websocket URI) over one kept connection", "sent " + sent + "; "
                        + received.summary(0, sent - 1) + "; duplicated seqs " + first(received.duplicatedSeqs())
                        + "; connection resets: " + resets + "; records by URI " + Received.recordsByPath(server)
                        + "; tcp connections accepted " + api.inputPlugin("tcp.0", "connections"));
                assertThat(received.missing(0, sent - 1)).as("records lost").isEmpty();
                assertThat(sender.failure()).as("a write of the sender failed").isNull();
                assertThat(sender.closedBySluice()).as("sluice closed or reset the kept connection").isNull();
                assertThat(api.inputPlugin("tcp.0", "connections")).as("connections the tcp input accepted")
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
            MonitoringApi api = new MonitoringApi(sluice.httpPort());
            OutputStream out = client.getOutputStream();
            NumberedSender.write(out, 0, 500);
            Arrivals.awaitRange(server, sluice, 0, 500, DELIVERY);

            // the server goes away: what arrives now waits in the old output's retries
            server.stop();
            NumberedSender.write(out, 500, 1500);
            Awaitility.await().atMost(DELIVERY).until(() -> api.input("tcp.0", "records") >= 1500
                    && api.output("websocket.0", "retries") > 0);
            int handshakesBefore = server.handshakes().size();

            pipeline(server.port(), "/after", "nothing").writeTo(conf);
            MonitoringApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).as("%s\n%s", answer, sluice.tail()).isEqualTo(200);
            server.start();
            NumberedSender.write(out, 1500, 2000);

            ReceivedRecords received = Arrivals.awaitAll(server, sluice, 2000, DELIVERY);
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
            MonitoringApi api = new MonitoringApi(sluice.httpPort());
            OutputStream out = client.getOutputStream();
            NumberedSender.write(out, 0, 200);
            Arrivals.awaitRange(server, sluice, 0, 200, DELIVERY);

            ClassicConfig invalid = pipeline(server.port(), "/elsewhere", "nothing");
            invalid.addOutput("null").set("Match", "x").set("Colour", "red");
            invalid.writeTo(conf);
            MonitoringApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).as("%s", answer).isEqualTo(422);
            assertThat(answer.body()).startsWith("{\"reload\":\"failed\",\"status\":-2,\"error\":\"")
                    .contains("colour");
            MonitoringApi.Answer state = api.reloadState();
            assertThat(state.body()).contains("\"hot_reload_count\":0", "\"last_reload\":{\"status\":\"failed\"",
                    "colour");

            // a file that is not a configuration at all, by SIGHUP: logged, and nothing changes either
            ClassicConfig.write(conf, "this is not [a configuration\n");
            Kill.send("HUP", sluice.pid());
            Awaitility.await().atMost(RELOAD).until(() -> sluice.logLinesWith("the new configuration is invalid")
                    .size() >= 2);

            NumberedSender.write(out, 200, 400);
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, 400, DELIVERY);
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
            MonitoringApi api = new MonitoringApi(sluice.httpPort());
            OutputStream out = client.getOutputStream();
            NumberedSender.write(out, 0, 200);
            Arrivals.awaitRange(server, sluice, 0, 200, DELIVERY);

            // valid as a file; the output's TLS set-up fails only when the plugin starts
            ClassicConfig failing = ClassicConfig.quick().monitoring().service("Hot_Reload", "On");
            failing.addTcpInput().set("Tag", "numbered");
            failing.addWebSocketOutput("numbered", server.port(), "/tls").unlimitedRetries().set("tls", "on")
                    .set("tls.ca_file", badCa);
            failing.addOutput("null").set("Match", "nothing");
            failing.writeTo(conf);
            MonitoringApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).as("%s\n%s", answer, sluice.tail()).isEqualTo(422);
            assertThat(answer.body()).startsWith("{\"reload\":\"failed\",\"status\":-2,\"error\":\"")
                    .contains("websocket.0", "failed to start", "TLS");
            assertThat(api.reloadState().body()).contains("\"hot_reload_count\":0",
                    "\"last_reload\":{\"status\":\"failed\"");

            Kill.send("HUP", sluice.pid());
            Awaitility.await().atMost(RELOAD).until(() -> sluice.logLinesWith("the new pipeline could not start")
                    .size() >= 2);

            NumberedSender.write(out, 200, 400);
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, 400, DELIVERY);
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
            MonitoringApi api = new MonitoringApi(sluice.httpPort());
            OutputStream out = client.getOutputStream();
            NumberedSender.write(out, 0, 200);
            Arrivals.awaitRange(server, sluice, 0, 200, DELIVERY);

            // the output changes and a second input is added whose port is taken: the input fails at start
            ClassicConfig next = pipeline(server.port(), "/after", "nothing");
            next.addTcpInput().set("Port", taken.getLocalPort()).set("Tag", "numbered");
            next.writeTo(conf);
            MonitoringApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).as("%s\n%s", answer, sluice.tail()).isEqualTo(422);
            assertThat(answer.body()).contains("tcp.1", String.valueOf(taken.getLocalPort()));
            assertThat(api.reloadState().body()).contains("\"hot_reload_count\":0");

            NumberedSender.write(out, 200, 400);
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, 400, DELIVERY);
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
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SluiceProcess sluice = SluiceProcess.startListening(tcpOn(0, server.port()).writeTo(conf))) {
            MonitoringApi api = new MonitoringApi(sluice.httpPort());
            // "its port" is the one its definition names: the port the system picked is written into the file first
            int port = sluice.tcpPort();
            String listening = "[input:tcp:tcp.0] listening on 127.0.0.1:" + port;
            tcpOn(port, server.port()).writeTo(conf);
            assertThat(api.reloadAndWait().status()).as(sluice.tail()).isEqualTo(200);
            Awaitility.await().atMost(RELOAD).until(() -> sluice.logLinesWith(listening).size() == 2);
            try (NumberedSender kept = NumberedSender.to(port).pace(10, 20).start()) {
                Arrivals.awaitRange(server, sluice, 0, 100, DELIVERY);

                tcpOn(taken.getLocalPort(), server.port()).writeTo(conf);
                MonitoringApi.Answer answer = api.reloadAndWait();
                assertThat(answer.status()).as("%s\n%s", answer, sluice.tail()).isEqualTo(422);
                assertThat(answer.body()).contains("tcp.0", String.valueOf(taken.getLocalPort()));
                sluice.awaitLog(l -> l.contains("runs again as before the reload"), RELOAD);

                // the old input listens on its port again: a new connection delivers
                long sentOnKept = kept.pause();
                try (Socket again = new Socket("127.0.0.1", port)) {
                    NumberedSender.write(again.getOutputStream(), 1_000_000, 1_000_100);
                    Arrivals.awaitRange(server, sluice, 1_000_000, 1_000_100, DELIVERY);
                }
                ReceivedRecords received = server.seqs("seq");
                Received.report("changed input that cannot listen", "kept connection: "
                        + (kept.closedBySluice() == null ? "still open" : kept.closedBySluice())
                        + "; write failure: " + kept.failure() + "; of the " + sentOnKept
                        + " records written on it " + received.missingCount(0, sentOnKept - 1) + " missing "
                        + received.missing(0, sentOnKept - 1) + "; reload log: "
                        + sluice.logLinesWith("reload"));
                assertThat(sluice.logLinesWith(listening)).as("listening on its port: at the start, after the "
                        + "reload that named it, and again after the reload that failed").hasSize(3);
            }
        }
    }

    @Test
    void httpReloadWhenHotReloadIsOffAnswers400AndChangesNothing() throws Exception {
        Path conf = tmp.resolve("sluice.conf");
        ClassicConfig config = ClassicConfig.quick().monitoring();
        config.addInput("dummy").set("Tag", "d");
        config.addOutput("null").set("Match", "*");
        try (SluiceProcess sluice = SluiceProcess.startOn(config.writeTo(conf), line -> { })) {
            MonitoringApi api = new MonitoringApi(sluice.httpPort());
            MonitoringApi.Answer answer = api.reloadAndWait();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).isEqualTo("{\"reload\":\"not enabled\",\"status\":-1}");
            assertThat(api.reloadNoWait().status()).isEqualTo(400);
            assertThat(api.reloadState().body()).contains("\"hot_reload_count\":0");
            assertThat(sluice.isAlive()).isTrue();
        }
    }

    /** Waits until every seq below {@code upTo} has arrived. */
    private static void awaitArrivedUpTo(FakeWebSocketServer server, SluiceProcess sluice, long upTo) {
        Arrivals.awaitRange(server, sluice, 0, upTo, DELIVERY);
    }

    private static String first(Map<Long, Integer> duplicated) {
        return duplicated.isEmpty() ? "none" : duplicated.entrySet().stream().limit(10).toList()
                + (duplicated.size() > 10 ? " ... (" + duplicated.size() + " seqs)" : "");
    }
}
