package io.sluice.distribution.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.NumberedSender;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files in the storage folder, through the launcher: chunk files a run left behind (its server was down) get
 * a flipped byte in a batch frame, a torn tail; a zero-length file and a file of garbage are put beside them. The
 * next start is not held up by any of them, delivers every record that is still readable, cuts and reports the
 * damaged files (a copy of the one with a corrupt frame quarantined), quarantines the garbage (both counted in the
 * monitoring API), deletes the empty file, and a start after that does not report them again.
 */
class DamagedFilesIT {

    private static final int PER_CONNECTION = 300;
    private static final int CONNECTIONS_PER_CHUNK = 3;

    @TempDir
    Path tmp;

    @Test
    void aStartDeliversEverythingRecoverableAndQuarantinesAndReportsTheRest() throws Exception {
        Path storage = tmp.resolve("storage");
        Path stream = storage.resolve("tcp.0");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE)) {
            server.stop();
            Path config = StoredSluice.config(storage, server.port()).service("Flush", 1)
                    .service("Grace", 1).writeTo(tmp.resolve("sluice.conf"));

            // 1. a run whose server is down leaves its chunks on disk; each group of connections fills one chunk
            long sent = 0;
            try (StoredSluice sluice = StoredSluice.start(config)) {
                for (int chunk = 0; chunk < 2; chunk++) {
                    for (int c = 0; c < CONNECTIONS_PER_CHUNK; c++) {
                        NumberedSender.send(sluice.tcpPort(), sent, sent + PER_CONNECTION);
                        sent += PER_CONNECTION;
                        long expected = sent;
                        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                                .until(sluice::counted, n -> n == expected);
                    }
                    // sealed and tried: what comes next goes to a new chunk file
                    int tried = chunk + 1;
                    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                            .until(() -> sluice.process().logLinesWith("failed to flush chunk").size() >= tried);
                }
                assertThat(sluice.stop()).as("exit status").isZero();
                assertThat(sluice.process().logLinesWith("kept on disk")).as("undelivered chunks kept at shutdown")
                        .isNotEmpty();
            }

            // 2. damage: the files as written are intact; pick the two with the most batches
            List<Path> files = new ArrayList<>(KillSuiteIT.chunkFiles(stream));
            long stored = 0;
            for (Path f : files) {
                stored += ChunkFrames.batches(f).stream().mapToLong(ChunkFrames.Frame::records).sum();
            }
            assertThat(stored).as("records in the chunk files the first run left").isEqualTo(sent);
            files.sort(Comparator.comparingInt((Path f) -> batchCount(f)).reversed());
            assertThat(files).as("chunk files left by the first run").hasSizeGreaterThanOrEqualTo(2);
            Path flipped = files.get(0);
            Path torn = files.get(1);
            assertThat(batchCount(flipped)).as("batches in " + flipped).isGreaterThanOrEqualTo(2);

            // a flipped byte in the middle of the first batch's events: that batch is lost, the rest of the file not
            ChunkFrames.Frame hit = ChunkFrames.batches(flipped).get(0);
            int at = hit.eventsStart() + (hit.end() - 4 - hit.eventsStart()) / 2;
            flipByte(flipped, at);
            // a torn tail: the file ends in the middle of its last batch, as if the process died writing it
            ChunkFrames.Frame last = ChunkFrames.batches(torn).get(batchCount(torn) - 1);
            long tornBytes = last.length() / 2;
            try (RandomAccessFile f = new RandomAccessFile(torn.toFile(), "rw")) {
                f.setLength(last.offset() + tornBytes);
            }
            Path empty = Files.createFile(stream.resolve("1000000000.000000001-1-1.chunk"));
            byte[] noise = new byte[5000];
            new Random(42).nextBytes(noise);
            Path garbage = Files.write(stream.resolve("1000000000.000000002-1-2.chunk"), noise);
            TreeSet<Long> lost = new TreeSet<>(hit.seqs());
            lost.addAll(last.seqs());

            // 3. the next start, with the server back
            server.start();
            try (StoredSluice sluice = StoredSluice.start(config)) {
                long expectedDelivered = sent - lost.size();
                ReceivedRecords received = Awaitility.await("every readable record at the server")
                        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> server.seqs("seq"), r -> r.distinctCount() >= expectedDelivered);
                sluice.process().awaitLog(l -> l.contains("backlog: every chunk file read"), Duration.ofSeconds(30));
                Awaitility.await("the delivered chunks' files deleted").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> KillSuiteIT.chunkFiles(stream), List::isEmpty);
                received = server.seqs("seq");
                System.out.printf("DAMAGED FILES: %d records stored in %d files, %d in the two damaged frames, "
                        + "%s%n", sent, files.size(), lost.size(), received.summary(0, sent - 1));
                sluice.process().logLinesWith("backlog").forEach(l -> System.out.println("  " + l));

                assertThat(received.missing(0, sent - 1)).as("records never delivered: exactly those of the "
                        + "damaged frames").containsExactlyElementsOf(lost);
                assertThat(logLine(sluice, l -> l.contains(flipped.getFileName().toString())
                        && l.contains("was damaged"))).contains("1 corrupt frame")
                        .contains("records recovered").contains("copy of the damaged file kept in corrupt/tcp.0");
                assertThat(logLine(sluice, l -> l.contains(torn.getFileName().toString())
                        && l.contains("was damaged"))).contains("torn tail of " + tornBytes + " bytes")
                        .contains(tornBytes + " bytes cut");
                assertThat(logLine(sluice, l -> l.contains(garbage.getFileName().toString())))
                        .contains("is unreadable").contains("moved to");
                assertThat(logLine(sluice, l -> l.contains(empty.getFileName().toString())))
                        .contains("deleted: empty");
                // the garbage (moved aside) and the file with a corrupt frame (cut, a copy kept); not the torn tail
                assertThat(sluice.api().series("sluice_storage_corrupt_chunks_total")).as("corrupt chunks")
                        .isEqualTo(2);
                assertThat(sluice.api().body("/api/v1/storage")).contains("\"corrupt_chunks\":2");
                assertThat(sluice.api().series("sluice_storage_replayed_records_total{name=\"tcp.0\"}"))
                        .as("records replayed from the backlog").isEqualTo(expectedDelivered);
                Path quarantine = storage.resolve("corrupt").resolve("tcp.0");
                assertThat(quarantine.resolve(garbage.getFileName())).as("the garbage, moved aside").hasBinaryContent(
                        noise);
                assertThat(quarantine.resolve(flipped.getFileName() + ".damaged"))
                        .as("a copy of the file with a corrupt frame").exists();
                assertThat(sluice.stop()).as("exit status").isZero();
            }

            // 4. what was quarantined or cut is not reported again
            try (StoredSluice sluice = StoredSluice.start(config)) {
                assertThat(sluice.api().series("sluice_storage_corrupt_chunks_total")).isZero();
                assertThat(sluice.process().stderr()).noneMatch(l -> l.contains("backlog:"));
                assertThat(sluice.stop()).isZero();
            }
        }
    }

    private static int batchCount(Path file) {
        try {
            return ChunkFrames.batches(file).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xff);
        }
    }

    private static String logLine(StoredSluice sluice, Predicate<String> match) {
        return sluice.process().stderr().stream().filter(match).findFirst()
                .orElseThrow(() -> new AssertionError("no such log line\n" + sluice.process().tail()));
    }
}
