package io.sluice.distribution.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.NumberedSender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promise of {@code storage.type filesystem}: once the input has counted a record, a {@code kill -9} never loses
 * it. tcp → websocket; a sender numbers records; sluice is killed with SIGKILL {@code -Dsluice.kills} times (5 by
 * default) at random moments — while the server is up, down or reading slowly — and restarted each time on the same
 * {@code storage.path}, the sender reconnecting to the port the new process logs. The input's {@code records} counter
 * is read just before each kill; at the end every record counted by then has arrived at the server (at least once).
 * Duplicates are expected (a chunk delivered but not yet deleted at the kill is sent again) and are counted and
 * reported, not asserted. {@code -Dsluice.kills.seed} replays a run's random choices.
 */
class KillSuiteIT {

    private static final int KILLS = Integer.getInteger("sluice.kills", 5);
    private static final long SEED = Long.getLong("sluice.kills.seed", System.nanoTime());
    /** 5,000 records a second, about 830 kB/s of JSON. */
    private static final int PER_TICK = 25;
    private static final long TICK_MILLIS = 5;
    /** Each run numbers its records from its own multiple of this, so runs never share a sequence number. */
    private static final long RUN_STRIDE = 100_000_000L;
    private static final int SIGKILL_STATUS = 128 + 9;

    @TempDir
    Path tmp;

    private enum ServerState { UP, DOWN, SLOW }

    /** One run of the process: it counted {@code [first, first + counted)} before the kill (read just before it). */
    private record Run(int number, long first, long counted, long sentAtMost, ServerState state) {

        long last() {
            return first + counted - 1;
        }
    }

    @ParameterizedTest(name = "storage.sync {0}")
    @ValueSource(strings = {"normal", "full"})
    void everyRecordCountedBeforeAKillNineArrivesAfterTheRestarts(String sync) throws Exception {
        Random random = new Random(SEED ^ sync.hashCode());
        Path storage = tmp.resolve("storage");
        List<Run> runs = new ArrayList<>();
        List<String> log = new ArrayList<>();
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE)) {
            server.setSlowReadBytesPerSecond(16 * 1024);
            Path config = StoredSluice.config(storage, server.port()).service("storage.sync", sync)
                    .writeTo(tmp.resolve("sluice.conf"));
            ServerState previous = ServerState.UP;
            for (int k = 1; k <= KILLS; k++) {
                ServerState state = ServerState.values()[random.nextInt(ServerState.values().length)];
                long before = 100 + random.nextInt(2500);
                long after = 100 + random.nextInt(2500);
                long first = k * RUN_STRIDE;
                try (StoredSluice sluice = StoredSluice.start(config)) {
                    // the server comes back only once the new process runs: its backlog is indexed without it
                    restore(server, previous);
                    try (NumberedSender sender = NumberedSender.to(sluice.tcpPort()).from(first)
                            .pace(PER_TICK, TICK_MILLIS).start()) {
                        awaitCounted(sluice, before);
                        apply(server, state);
                        awaitCounted(sluice, before + after);
                        long counted = sluice.counted();
                        int status = sluice.kill();
                        assertThat(status).as("exit status after SIGKILL").isEqualTo(SIGKILL_STATUS);
                        runs.add(new Run(k, first, counted, sender.atMost(), state));
                    }
                    log.addAll(sluice.process().stderr());
                }
                previous = state;
            }
            // a last run with the server back: it delivers the backlog of every killed run, and its own records
            long first = (KILLS + 1) * RUN_STRIDE;
            long finalCounted;
            try (StoredSluice sluice = StoredSluice.start(config)) {
                restore(server, previous);
                long written;
                try (NumberedSender sender = NumberedSender.to(sluice.tcpPort()).from(first)
                            .pace(PER_TICK, TICK_MILLIS).start()) {
                    awaitCounted(sluice, 1000);
                    written = sender.stop();
                    assertThat(sender.failure()).as("the last run's connection").isNull();
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(sluice::counted, n -> n == written);
                finalCounted = written;
                runs.add(new Run(KILLS + 1, first, finalCounted, written, ServerState.UP));
                ReceivedRecords received = Awaitility.await("every counted record at the server")
                        .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .until(() -> server.seqs("seq"), r -> runs.stream()
                                .allMatch(run -> run.counted() == 0 || r.containsAll(run.first(), run.last())));
                // each delivered chunk's file goes once every route is done with it
                Awaitility.await("no chunk file left once everything is delivered").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100)).until(() -> chunkFiles(storage.resolve("tcp.0")),
                                List::isEmpty);
                int status = sluice.stop();
                log.addAll(sluice.process().stderr());
                report(sync, runs, server.seqs("seq"), log);
                assertThat(status).as("exit status of the last, graceful stop").isZero();
                for (Run run : runs) {
                    assertThat(run.counted()).as("run %d counted no more than was sent", run.number())
                            .isLessThanOrEqualTo(run.sentAtMost());
                    if (run.counted() > 0) {
                        assertThat(received.missing(run.first(), run.last()))
                                .as("records of run %d (killed while the server was %s) counted and never delivered",
                                        run.number(), run.state())
                                .isEmpty();
                    }
                }
                // kill -9 cuts at most the frame being written: never a whole chunk, never a frame in the middle
                assertThat(log).as("files found unreadable or with corrupt frames after kill -9")
                        .noneMatch(l -> l.contains("is unreadable") || l.contains("corrupt frame"));
            }
        }
    }

    private static void awaitCounted(StoredSluice sluice, long atLeast) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(sluice::counted, n -> n >= atLeast);
    }

    private static void apply(FakeWebSocketServer server, ServerState state) {
        switch (state) {
            case UP -> { }
            case DOWN -> server.stop();
            case SLOW -> server.setFailureMode(FailureMode.SLOW_READER);
            default -> throw new IllegalStateException(state.name());
        }
    }

    private static void restore(FakeWebSocketServer server, ServerState state) {
        switch (state) {
            case UP -> { }
            case DOWN -> server.start();
            case SLOW -> server.setFailureMode(FailureMode.NONE);
            default -> throw new IllegalStateException(state.name());
        }
    }

    static List<Path> chunkFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Prints the figures and appends them to {@code target/kill-suite.txt} (bench/storage/kill-suite.sh shows it). */
    private static void report(String sync, List<Run> runs, ReceivedRecords received, List<String> log)
            throws IOException {
        long counted = runs.stream().mapToLong(Run::counted).sum();
        long delivered = 0;
        long missing = 0;
        for (Run run : runs) {
            if (run.counted() > 0) {
                missing += received.missingCount(run.first(), run.last());
                delivered += run.counted() - received.missingCount(run.first(), run.last());
            }
        }
        long beyond = received.distinctCount() - delivered;
        long replayed = log.stream().filter(l -> l.contains("backlog: replaying")).count();
        long torn = log.stream().filter(l -> l.contains("torn tail")).count();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("KILL SUITE storage.sync=%s kills=%d seed=%d: records counted before the kills %d, "
                        + "delivered %d, lost %d, duplicated %d (records received %d; %d more were received that "
                        + "were counted after the last read before a kill); chunk files replayed %d, torn tails "
                        + "cut %d%n", sync, runs.size() - 1, SEED, counted, delivered, missing, received.duplicates(),
                received.count(), beyond, replayed, torn));
        for (Run run : runs) {
            sb.append(String.format("  run %d: %s, counted %d of at most %d sent%n", run.number(),
                    run.number() == runs.size() ? "last run, graceful stop" : "killed with the server " + run.state(),
                    run.counted(), run.sentAtMost()));
        }
        System.out.print(sb);
        Path target = Path.of(System.getProperty("sluice.dist", "target/sluice")).toAbsolutePath().getParent();
        Files.writeString(target.resolve("kill-suite.txt"), sb, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
