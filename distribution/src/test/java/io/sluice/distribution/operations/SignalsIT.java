package io.sluice.distribution.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signals through the real launcher, as a service manager, a shell and a terminal send them: SIGTERM, SIGINT and
 * (hot reload off) SIGHUP stop gracefully and deliver what is buffered within Grace; a second stop signal after a
 * second ends a long grace at once with 128+n and says what was lost; a signal right after launch, or with SIGINT
 * inherited as ignored, still stops sluice cleanly; SIGQUIT's thread dump never mixes into the record stream.
 */
class SignalsIT {

    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final Pattern NOT_DELIVERED = Pattern.compile(
            "second signal \\(SIGTERM\\) during the graceful stop: exiting now with (\\d+) records in (\\d+) tasks "
                    + "not delivered");

    @TempDir
    Path tmp;

    /** tcp into websocket with unlimited retries and a retry backoff far longer than the test. */
    private ClassicConfig slowRetries(int wsPort, int graceSeconds) {
        ClassicConfig config = ClassicConfig.quick().monitoring().service("Grace", graceSeconds)
                .service("scheduler.base", 60).service("scheduler.cap", 120);
        config.addTcpInput().set("Tag", "numbered");
        config.addWebSocketOutput("numbered", wsPort, "/ingest").unlimitedRetries();
        return config;
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void aStopSignalDeliversWhatIsBufferedWithinGraceAndExitsZero(String signal) throws Exception {
        // SIGHUP with hot reload off (the default) stops like SIGTERM; Fluent Bit exits 129 and loses the buffer
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(slowRetries(server.port(), 20)
                     .writeTo(tmp.resolve("sluice.conf")))) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            server.stop();
            try (Socket client = new Socket("127.0.0.1", sluice.tcpPort())) {
                NumberedSender.write(client.getOutputStream(), 0, 1000);
                // every record is buffered, waiting for a retry a minute away
                Awaitility.await().atMost(DELIVERY).until(() -> counters.input("tcp.0", "records") >= 1000
                        && counters.output("websocket.0", "retried_records") >= 1000);
            }
            server.start();
            Kill.send(signal, sluice.pid());
            int status = sluice.waitForExit(EXIT);
            ReceivedRecords received = server.seqs("seq");
            Received.report("SIG" + signal + " with 1000 records waiting for a retry", "exit " + status + "; "
                    + received.summary(0, 999));
            assertThat(status).as("exit status after SIG%s\n%s", signal, sluice.tail()).isZero();
            assertThat(received.missing(0, 999)).as("records lost").isEmpty();
            assertThat(sluice.logLinesWith("caught signal (SIG" + signal + ")")).hasSize(1);
            assertThat(sluice.logLinesWith("service has stopped (0 pending tasks)")).hasSize(1);
        }
    }

    @Test
    void twoSigtermsAtOnceAreOneGracefulStop() throws Exception {
        // a tool that signals the process and its group at once sends two: the second must not cut the grace short
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(slowRetries(server.port(), 20)
                     .writeTo(tmp.resolve("sluice.conf")))) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            server.stop();
            try (Socket client = new Socket("127.0.0.1", sluice.tcpPort())) {
                NumberedSender.write(client.getOutputStream(), 0, 500);
                Awaitility.await().atMost(DELIVERY).until(() -> counters.output("websocket.0", "retried_records")
                        >= 500);
            }
            server.start();
            Kill.send("TERM", sluice.pid());
            Kill.trySend("TERM", sluice.pid());
            assertThat(sluice.waitForExit(EXIT)).as(sluice.tail()).isZero();
            assertThat(server.seqs("seq").missing(0, 499)).isEmpty();
        }
    }

    @Test
    void aSecondSigtermMoreThanASecondAfterTheFirstEndsALongGraceWith143AndSaysWhatWasLost() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE);
             SluiceProcess sluice = SluiceProcess.startListening(slowRetries(server.port(), 600)
                     .writeTo(tmp.resolve("sluice.conf")))) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            // a dead output: nothing will be delivered, so the graceful stop would last the whole Grace (10 min)
            server.setFailureMode(FailureMode.REFUSE_CONNECTION);
            server.stop();
            try (Socket client = new Socket("127.0.0.1", sluice.tcpPort())) {
                NumberedSender.write(client.getOutputStream(), 0, 700);
                Awaitility.await().atMost(DELIVERY).until(() -> counters.input("tcp.0", "records") >= 700
                        && counters.output("websocket.0", "retried_records") >= 700);
            }
            long first = System.nanoTime();
            sluice.terminate();
            sluice.awaitLog(l -> l.contains("service will shutdown in max 600 seconds"), EXIT);
            // SIGTERM again and again: those within a second of the first are ignored, the first after it ends sluice
            List<Long> sentAfterMillis = new ArrayList<>();
            Awaitility.await().atMost(EXIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (sluice.isAlive() && Kill.trySend("TERM", sluice.pid())) {
                    sentAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first));
                }
                return !sluice.isAlive();
            });
            int status = sluice.waitForExit(EXIT);
            String line = sluice.awaitLog(l -> NOT_DELIVERED.matcher(l).find(), Duration.ofSeconds(5));
            Matcher m = NOT_DELIVERED.matcher(line);
            assertThat(m.find()).isTrue();
            Received.report("second SIGTERM during a 600 s grace with 700 records buffered", "exit " + status
                    + "; further SIGTERMs sent at ms " + sentAfterMillis + " after the first; log: "
                    + line.substring(line.indexOf("second signal")));
            assertThat(status).isEqualTo(128 + 15);
            assertThat(Long.parseLong(m.group(1))).as("records not delivered").isEqualTo(700);
            assertThat(Long.parseLong(m.group(2))).as("tasks not delivered").isPositive();
            assertThat(sentAfterMillis.get(sentAfterMillis.size() - 1)).as("the SIGTERM that ended it came more "
                    + "than a second after the first").isGreaterThanOrEqualTo(1000);
            assertThat(sluice.logLinesWith("service has stopped")).as("the graceful stop did not finish").isEmpty();
        }
    }

    @Test
    void sigtermAsSoonAsSluiceLogsAnythingExitsZero() throws Exception {
        // sluice's handlers are installed before its first log line: from then on a stop is always exit 0
        List<Long> firstLineMillis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long launched = System.nanoTime();
            try (SluiceProcess sluice = SluiceProcess.start("-i", "dummy", "-o", "null")) {
                sluice.awaitLog(l -> true, EXIT);
                firstLineMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched));
                sluice.terminate();
                assertThat(sluice.waitForExit(EXIT)).as("try %d\n%s", i, sluice.tail()).isZero();
            }
        }
        Received.report("SIGTERM at the first log line", "exit 0 in 5 of 5; first log line at ms " + firstLineMillis
                + " after launch");
    }

    @Test
    void aStopSignalWhileTheLauncherPreparesJavaExitsZero() throws Exception {
        // The launcher traps the stop signals from its first line until it hands over to java. Each try starts
        // sluice and, if it sees the launcher (not yet java) with SIGTERM caught, sends SIGTERM right then.
        List<Integer> statuses = new ArrayList<>();
        int tries = 0;
        while (tries < 40 && statuses.size() < 5) {
            tries++;
            try (SluiceProcess sluice = SluiceProcess.start("-i", "dummy", "-o", "null")) {
                if (launcherCatchesSigterm(sluice.pid())) {
                    sluice.terminate();
                    statuses.add(sluice.waitForExit(EXIT));
                }
            }
        }
        Received.report("SIGTERM while the launcher runs", "exit codes " + statuses + " in " + tries + " tries");
        assertThat(statuses).as("stops that reached the launcher").isNotEmpty().containsOnly(0);
    }

    /** Polls {@code /proc/<pid>/status} until the launcher shell has SIGTERM caught (true) or java runs (false). */
    private static boolean launcherCatchesSigterm(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String name = null;
            long caught = 0;
            try {
                for (String line : java.nio.file.Files.readAllLines(status)) {
                    if (line.startsWith("Name:")) {
                        name = line.substring(5).trim();
                    } else if (line.startsWith("SigCgt:")) {
                        caught = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    }
                }
            } catch (java.io.IOException e) {
                return false;
            }
            if ("sluice".equals(name) && (caught & (1L << (15 - 1))) != 0) {
                return true;
            }
            if ("java".equals(name)) {
                return false;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void sigtermFiftyMillisecondsAfterLaunch() throws Exception {
        // What no Java code can change: from the exec of java until sluice's main installs its handlers (about 20 to
        // 70 ms after launch on this machine with the JVM cache), a SIGTERM meets the kernel's default action, then
        // the JVM's own handler, and both end the process with 143. Before that the launcher answers 0 (above), after
        // it sluice does (sigtermAsSoonAsSluiceLogsAnythingExitsZero). The tries are reported; 0 and 143 are the only
        // answers.
        Map<Integer, Integer> codes = new TreeMap<>();
        List<Integer> inOrder = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int status = terminateAfter(50);
            inOrder.add(status);
            codes.merge(status, 1, Integer::sum);
        }
        Map<Long, List<Integer>> sweep = new LinkedHashMap<>();
        for (long delay : new long[] {100, 150, 200, 250, 300, 350, 400, 500, 700, 1000}) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(terminateAfter(delay));
            }
            sweep.put(delay, statuses);
        }
        Received.report("SIGTERM 50 ms after launch, 20 tries", "exit codes " + inOrder + " (" + codes
                + "); by delay in ms after launch, 3 tries each: " + sweep);
        assertThat(codes.keySet()).as("exit codes").isSubsetOf(0, 143);
        assertThat(sweep.values().stream().flatMap(List::stream)).as("exit codes of the sweep").allMatch(c -> c == 0
                || c == 143);
    }

    private static int terminateAfter(long millis) throws Exception {
        long launched = System.nanoTime();
        try (SluiceProcess sluice = SluiceProcess.start("-i", "dummy", "-o", "null")) {
            long wait = launched + TimeUnit.MILLISECONDS.toNanos(millis) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sluice.terminate();
            return sluice.waitForExit(EXIT);
        }
    }

    @Test
    void sigintStopsSluiceGracefullyEvenWhenItWasStartedWithSigintIgnored() throws Exception {
        // `cmd &` in a script, nohup-like wrappers and some supervisors start programs with SIGINT ignored; a JVM
        // then never installs a handler for it, and Ctrl-C / kill -INT would do nothing. The launcher resets it.
        ClassicConfig config = ClassicConfig.quick();
        config.addInput("dummy").set("Tag", "d").set("Rate", 20);
        config.addOutput("stdout").set("Match", "*").set("Format", "json_lines");
        Path conf = config.writeTo(tmp.resolve("sluice.conf"));
        try (SluiceProcess sluice = SluiceProcess.start(Path.of("/bin/sh"), SluiceProcess.DIST, Map.of(), "-c",
                "trap '' INT; exec \"$0\" \"$@\"", SluiceProcess.DIST.resolve("bin/sluice").toString(), "-c",
                conf.toString())) {
            sluice.awaitStdout(l -> l.startsWith("{\"date\":"), EXIT);
            Kill.send("INT", sluice.pid());
            boolean stopped = awaitExit(sluice, Duration.ofSeconds(30));
            Received.report("SIGINT with SIGINT inherited as ignored", stopped ? "stopped" : "still running 30 s "
                    + "later: the JVM inherited SIG_IGN for SIGINT and never installed a handler");
            assertThat(stopped).as("sluice stopped on SIGINT although its parent ignored SIGINT").isTrue();
            assertThat(sluice.waitForExit(EXIT)).isZero();
            assertThat(sluice.logLinesWith("caught signal (SIGINT)")).hasSize(1);
        }
    }

    @Test
    void sigquitPrintsAThreadDumpThatNeverReachesStdout() throws Exception {
        // SLUICE_JVM_CACHE=off: a run that records the launcher's JVM cache turns all VM output off, the dump too
        try (SluiceProcess sluice = SluiceProcess.start(SluiceProcess.DIST.resolve("bin/sluice"), SluiceProcess.DIST,
                Map.of("SLUICE_JVM_CACHE", "off"), "-i", "dummy", "-p", "rate=20", "-o", "stdout", "-p",
                "format=json_lines", "-f", "0.2")) {
            sluice.awaitStdout(l -> l.startsWith("{\"date\":"), EXIT);
            Kill.send("QUIT", sluice.pid());
            Awaitility.await().atMost(EXIT).until(() -> dumpIn(sluice.stdout()) || dumpIn(sluice.stderr()));
            // records printed after the dump show it was complete by then
            int linesNow = sluice.stdout().size();
            Awaitility.await().atMost(EXIT).until(() -> sluice.stdout().size() > linesNow + 2);
            List<String> notRecords = sluice.stdout().stream().filter(l -> !l.startsWith("{\"date\":")).toList();
            Received.report("SIGQUIT", "thread dump on " + (dumpIn(sluice.stdout()) ? "STDOUT" : "stderr") + "; "
                    + notRecords.size() + " stdout lines that are not records");
            assertThat(dumpIn(sluice.stdout())).as("the thread dump went to stdout, into the record stream").isFalse();
            assertThat(notRecords).as("stdout lines that are not records").isEmpty();
            assertThat(dumpIn(sluice.stderr())).isTrue();
            assertThat(sluice.isAlive()).as("SIGQUIT does not stop sluice").isTrue();
            sluice.terminate();
            assertThat(sluice.waitForExit(EXIT)).isZero();
        }
    }

    private static boolean dumpIn(List<String> lines) {
        return lines.stream().anyMatch(l -> l.startsWith("Full thread dump"));
    }

    private static boolean awaitExit(SluiceProcess sluice, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> !sluice.isAlive());
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}
