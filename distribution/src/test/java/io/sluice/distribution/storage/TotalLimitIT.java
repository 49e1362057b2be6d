package io.sluice.distribution.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.NumberedSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code storage.total_limit_size} reached while the server is down (the default {@code storage.overflow_action
 * drop_oldest}): the oldest chunks are dropped for that output, logged and counted ({@code dropped_records} and
 * {@code sluice_storage_evicted_records_total}), the files on disk stay within the limit, and when the server returns
 * the newest records — everything still on disk — are delivered.
 */
class TotalLimitIT {

    private static final long LIMIT = 100_000;
    private static final Pattern LOST = Pattern.compile(
            "dropped \\(evicted to stay under storage.total_limit_size\\): (\\d+) records lost");

    @TempDir
    Path tmp;

    @Test
    void overTheLimitTheOldestChunksAreDroppedAndCountedAndTheNewestDeliveredWhenTheServerReturns()
            throws Exception {
        Path storage = tmp.resolve("storage");
        Path stream = storage.resolve("tcp.0");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE)) {
            server.stop();
            Path config = StoredSluice.config(storage, server.port())
                    .output("storage.total_limit_size", "100K").writeTo(tmp.resolve("sluice.conf"));
            try (StoredSluice sluice = StoredSluice.start(config)) {
                // 1,000 records a second for 3 s, sealed every 0.2 s: about 15 chunks of 30 kB, 4 to 5 times the limit
                long sent;
                try (NumberedSender sender = NumberedSender.to(sluice.tcpPort()).pace(10, 10).start()) {
                    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                            .until(sluice::counted, n -> n >= 3000);
                    sent = sender.stop();
                }
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                        .until(sluice::counted, n -> n == sent);
                // once the last chunk is sealed, what is on disk and what was dropped add up to what was sent
                OnDisk kept = Awaitility.await("the last chunk sealed and the limit enforced")
                        .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> OnDisk.read(stream), d -> d != null
                                && d.records() + sluice.output("dropped_records") == sent);
                long dropped = sluice.output("dropped_records");
                long evicted = sluice.api().series("sluice_storage_evicted_records_total{name=\"websocket.0\"}");
                System.out.printf("TOTAL LIMIT: %d records sent, %d dropped (%d evicted), %d kept in %d files of "
                        + "%d bytes (limit %d, largest file %d)%n", sent, dropped, evicted, kept.records(),
                        kept.files().size(), kept.bytes(), LIMIT, kept.largest());
                assertThat(dropped).as("records dropped for websocket.0").isPositive();
                assertThat(evicted).as("sluice_storage_evicted_records_total").isEqualTo(dropped);
                assertThat(kept.bytes()).as("bytes of the chunk files kept for the output")
                        .isLessThanOrEqualTo(LIMIT + kept.largest());
                List<String> evictions = sluice.process().logLinesWith(
                        "evicted from output queue to make room under storage.total_limit_size");
                assertThat(evictions).as("one warning per evicted chunk").isNotEmpty();
                long loggedLost = sluice.process().loggedSum(LOST);
                assertThat(loggedLost).as("records the log says were dropped").isEqualTo(dropped);
                assertThat(evictions).as("eviction warnings").allMatch(l -> l.contains("limit=" + LIMIT));

                server.start();
                Awaitility.await("everything accounted for").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> sluice.output("proc_records") + sluice.output("dropped_records") >= sent);
                ReceivedRecords received = Awaitility.await("the kept records at the server")
                        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> server.seqs("seq"), r -> kept.seqs().stream()
                                .allMatch(s -> r.distinctSeqs().contains(s)));
                List<Long> missing = received.missing(0, sent - 1);
                System.out.printf("TOTAL LIMIT: %s%n", received.summary(0, sent - 1));
                assertThat(missing).as("records missing at the server").hasSize((int) dropped);
                // oldest first, skipping a chunk inside a flush at that moment (Fluent Bit's rule; the websocket
                // output holds one in its reconnect backoff while the server is down), so an older chunk may stay
                // while a newer one goes: every record dropped is older than the newest chunk kept
                long newest = kept.newestChunk().stream().mapToLong(Long::longValue).min().orElseThrow();
                assertThat(missing).as("records dropped that were newer than the newest chunk kept")
                        .allMatch(seq -> seq < newest);
                assertThat(received.containsAll(newest, sent - 1)).as("the newest records delivered").isTrue();
                assertThat(sluice.output("dropped_records")).as("nothing dropped once the server is back")
                        .isEqualTo(dropped);
                assertThat(sluice.stop()).isZero();
            }
        }
    }

    /** The chunk files of a stream folder, read while sluice runs (a file may go at any time: then null). */
    private record OnDisk(List<Path> files, long bytes, long largest, long records, List<Long> seqs,
                          List<Long> newestChunk) {

        static OnDisk read(Path folder) {
            try {
                long bytes = 0;
                long largest = 0;
                long records = 0;
                List<Long> seqs = new ArrayList<>();
                List<Long> newest = List.of();
                List<Path> files = KillSuiteIT.chunkFiles(folder);
                for (Path f : files) {
                    long size = Files.size(f);
                    bytes += size;
                    largest = Math.max(largest, size);
                    List<Long> chunk = new ArrayList<>();
                    for (ChunkFrames.Frame b : ChunkFrames.batches(f)) {
                        records += b.records();
                        chunk.addAll(b.seqs());
                    }
                    seqs.addAll(chunk);
                    if (!chunk.isEmpty() && (newest.isEmpty() || chunk.get(0) > newest.get(0))) {
                        newest = chunk;
                    }
                }
                return new OnDisk(files, bytes, largest, records, seqs, newest);
            } catch (NoSuchFileException | AssertionError gone) {
                // deleted, or still being appended to: look again
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
