package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.FlushResult;
import io.sluice.core.storage.ChunkLoader;
import io.sluice.core.storage.FaultyDisk;
import io.sluice.core.storage.Quarantine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code storage.type filesystem}: what a restart finds, what it replays and to whom, and what a full disk does. */
class DurableBufferTest {

    @TempDir
    Path storage;

    private final LogCapture log = new LogCapture("engine", "storage");
    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
        log.close();
    }

    private List<Path> chunkFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(storage)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".chunk")).toList();
        }
    }

    private TestPipeline pipeline() {
        return new TestPipeline().storage(storage).grace(1);
    }

    @Test
    void deliveredChunksLeaveNoFileBehind() throws Exception {
        TestPipeline p = pipeline();
        TestInput in = p.storedInput("in.0", "app");
        TestOutput out = p.output("out.0", "*");
        engine = p.start();

        in.emit(5);
        in.emit(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 8);
        engine.shutdown();
        engine = null;
        assertThat(chunkFiles()).isEmpty();
    }

    @Test
    void theDiskBytesGaugeReturnsToZeroOnceChunksForTwoOutputsAreMarkedDoneAndDeleted() throws Exception {
        TestPipeline p = pipeline();
        TestInput in = p.storedInput("in.0", "app");
        TestOutput first = p.output("first.0", "*");
        TestOutput second = p.output("second.1", "*");
        engine = p.start();

        in.emit(5);
        in.emit(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> first.delivered().size() == 8
                && second.delivered().size() == 8);
        // the first output's done mark grows the file; the delete after the second takes off what was counted
        awaitStorageEmpty();
    }

    @Test
    void whatAnUnreachableOutputMissedIsKeptAtShutdownAndDeliveredByTheNextStart() throws Exception {
        TestPipeline first = pipeline();
        TestInput in = first.storedInput("in.0", "app");
        first.output("out.0", "*", null, -1, 1).answering((c, call, w) -> FlushResult.RETRY);
        engine = first.start();
        in.emit(4);
        in.emit(6);
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.metrics().output("out.0").get("retries") > 0);
        ShutdownReport report = engine.shutdown();
        engine = null;
        assertThat(report.undeliveredRecords()).isZero();
        assertThat(chunkFiles()).isNotEmpty();
        assertThat(log.containing("kept on disk")).isNotEmpty();

        TestPipeline second = pipeline();
        second.storedInput("in.0", "app");
        TestOutput out = second.output("out.0", "*");
        engine = second.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered().size() == 10);
        assertThat(out.delivered()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(engine.metrics().input("storage_backlog.1").get("records")).isEqualTo(10);
        await().atMost(Duration.ofSeconds(5)).until(() -> chunkFiles().isEmpty());
    }

    @Test
    void aBacklogOfManySmallFilesIsReadWithAtMostMaxChunksUpInFlight() throws Exception {
        TestPipeline first = pipeline();
        TestInput in = first.storedInput("in.0", "app");
        first.output("out.0", "*", null, -1, 1).answering((c, call, w) -> FlushResult.RETRY);
        engine = first.start();
        for (int i = 0; i < 20; i++) {
            in.emit(2);
            int files = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> chunkFiles().size() >= files);
        }
        engine.shutdown();
        engine = null;

        java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
        TestPipeline second = pipeline().storageSettings(s -> maxChunksUp(s, 3));
        second.storedInput("in.0", "app");
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostInFlight = new java.util.concurrent.atomic.AtomicInteger();
        TestOutput out = second.output("out.0", "*", null, -1, 4).answering((c, call, w) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            open.await();
            inFlight.decrementAndGet();
            return FlushResult.OK;
        });
        engine = second.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> backlogChunks() == 3);
        assertThat(backlogChunks()).isEqualTo(3);
        open.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered().size() == 40);
        // four workers, but never more than storage.max_chunks_up backlog chunks up at once
        assertThat(mostInFlight).hasValueLessThanOrEqualTo(3);
    }

    /** A first run whose only output always asks for a retry: batches of these sizes stay on disk when it stops. */
    private void leaveUndelivered(int... batches) throws Exception {
        TestPipeline first = pipeline();
        TestInput in = first.storedInput("in.0", "app");
        first.output("out.0", "*", null, -1, 1).answering((c, call, w) -> FlushResult.RETRY);
        engine = first.start();
        for (int records : batches) {
            in.emit(records);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.metrics().output("out.0").get("retries") > 0);
        engine.shutdown();
    }

    /** Waits until no chunk file is left and the disk-bytes gauge is back to zero. */
    private void awaitStorageEmpty() {
        await().atMost(Duration.ofSeconds(5)).until(() -> chunkFiles().isEmpty());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(engine.storage().diskBytes()).isZero());
    }

    /** {@code s} with {@code storage.max_chunks_up} set to {@code n}. */
    private static io.sluice.core.config.StorageSettings maxChunksUp(io.sluice.core.config.StorageSettings s, int n) {
        return new io.sluice.core.config.StorageSettings(s.path(), s.sync(), s.checksum(), n, s.backlogMemLimit(),
                s.metrics(), s.deleteIrrecoverable(), s.flushBacklogOnShutdown(), s.defaultType(), s.inherit(),
                s.keepRejected(), s.rejectedPath(), s.rejectedLimit());
    }

    /** The chunks in the engine (the input emits nothing: all come from the backlog). */
    private int backlogChunks() {
        return engine.storage().inputs().stream().mapToInt(i -> i.total()).sum();
    }

    @Test
    void anOutputThatConfirmedAChunkDoesNotGetItAgainAfterARestart() throws Exception {
        TestPipeline first = pipeline();
        TestInput in = first.storedInput("in.0", "app");
        TestOutput a = first.output("a.0", "*");
        first.output("b.1", "*", null, -1, 1).answering((c, call, w) -> FlushResult.RETRY);
        engine = first.start();
        in.emit(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.delivered().size() == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            // the done mark of a.0 is written by the I/O thread
            List<Path> files = chunkFiles();
            return files.size() == 1 && ChunkLoader.load(files.get(0)).doneOutputs().contains("a.0");
        });
        engine.shutdown();

        TestPipeline second = pipeline();
        second.storedInput("in.0", "app");
        TestOutput a2 = second.output("a.0", "*");
        TestOutput b2 = second.output("b.1", "*");
        engine = second.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> b2.delivered().size() == 3);
        assertThat(a2.delivered()).isEmpty();
        awaitStorageEmpty();
    }

    @Test
    void aTornTailIsCutOffAndEverythingBeforeItDelivered() throws Exception {
        leaveUndelivered(2, 3);
        Path file = chunkFiles().get(0);
        long valid = Files.size(file);
        Files.write(file, new byte[] {1, 0, 0, 0, 50, 0, 0}, java.nio.file.StandardOpenOption.APPEND);

        TestPipeline second = pipeline();
        second.storedInput("in.0", "app");
        List<Long> sizesAtFlush = new java.util.concurrent.CopyOnWriteArrayList<>();
        TestOutput out = second.output("out.0", "*").answering((c, call, w) -> {
            sizesAtFlush.add(file.toFile().length());
            return FlushResult.OK;
        });
        engine = second.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered().size() == 5);
        assertThat(sizesAtFlush).containsOnly(valid);
        assertThat(log.containing("bytes cut")).isNotEmpty();
        // the bytes cut leave the gauge with the tail, the rest with the file
        awaitStorageEmpty();
    }

    @Test
    void garbageAndEmptyFilesNeverStopTheStartAndTheRestIsDelivered() throws Exception {
        leaveUndelivered(4);
        Path stream = storage.resolve("in.0");
        Files.write(stream.resolve("0.000000001-1-1.chunk"), "this is not a chunk at all".getBytes());
        Files.createFile(stream.resolve("0.000000002-1-2.chunk"));

        TestPipeline second = pipeline();
        second.storedInput("in.0", "app");
        TestOutput out = second.output("out.0", "*");
        engine = second.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered().size() == 4);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                Files.exists(storage.resolve(Quarantine.FOLDER).resolve("in.0").resolve("0.000000001-1-1.chunk")));
        assertThat(stream.resolve("0.000000002-1-2.chunk")).doesNotExist();
        assertThat(log.containing("is unreadable")).hasSize(1);
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the 1 GiB file is sparse only where the file system allows")
    void aFileTooLargeToReadStaysOnDisk() throws Exception {
        leaveUndelivered(4);
        Path big = storage.resolve("in.0").resolve("0.000000001-1-1.chunk");
        long size = ChunkLoader.DEFAULT_MAX_BYTES + 1;
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(size); // sparse: takes no room on disk
        }

        TestPipeline second = pipeline();
        second.storedInput("in.0", "app");
        TestOutput out = second.output("out.0", "*");
        engine = second.start();

        // the big file is the oldest, so it was dealt with before the chunk delivered now
        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered().size() == 4);
        assertThat(big).exists().hasSize(size);
        assertThat(log.containing("larger than the limit")).hasSize(1);
    }

    @Test
    void aFullDiskHoldsTheInputUntilThereIsRoomAndLosesNothing() throws Exception {
        FaultyDisk disk = new FaultyDisk().free(200);
        TestPipeline p = pipeline().files(disk);
        TestInput in = p.storedInput("in.0", "app");
        TestOutput out = p.output("out.0", "*");
        engine = p.start();
        AtomicBoolean emitted = new AtomicBoolean();

        Thread sender = new Thread(() -> {
            in.emit(20, 50);
            emitted.set(true);
        });
        sender.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !log.containing("cannot write its chunks").isEmpty());
        assertThat(emitted).isFalse();
        assertThat(engine.metrics().input("in.0").get("records")).isZero();

        disk.clear();
        await().atMost(Duration.ofSeconds(10)).until(emitted::get);
        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered().size() == 20);
        assertThat(engine.metrics().input("in.0").get("records")).isEqualTo(20);
        assertThat(log.containing("writes its chunks again")).hasSize(1);
        sender.join();
    }

    @Test
    void overTheTotalLimitTheOldestChunksLoseThatOutputOnlyAndAreCounted() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        TestPipeline p = pipeline();
        TestInput in = p.storedInput("in.0", "app");
        TestOutput limited = p.limitedOutput("limited.0", "*", 3_000, false)
                .answering((c, call, w) -> down.get() ? FlushResult.RETRY : FlushResult.OK);
        TestOutput other = p.output("other.1", "*");
        engine = p.start();

        for (int i = 0; i < 10; i++) {
            in.emit(10, 100);
            int expected = (i + 1) * 10;
            await().atMost(Duration.ofSeconds(5)).until(() -> other.delivered().size() == expected);
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                engine.metrics().output("limited.0").get("dropped_records") > 0);
        assertThat(engine.storage().capacity().get("limited.0")).isGreaterThanOrEqualTo(0.0).isLessThan(100.0);
        assertThat(engine.storage().capacity().get("other.1")).isEqualTo(100.0);
        down.set(false);

        await().atMost(Duration.ofSeconds(10)).until(() -> engine.pendingTasks() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.storage().capacity().get("limited.0") == 100.0);
        long dropped = engine.metrics().output("limited.0").get("dropped_records");
        assertThat(limited.delivered().size() + dropped).isEqualTo(100);
        assertThat(limited.delivered()).contains(99L);
        assertThat(log.containing("evicted from output queue")).isNotEmpty();
        assertThat(other.delivered()).hasSize(100);
    }

    @Test
    void chunksBeyondTheMemoryBudgetGoDownAndAreReadBackForTheirFlush() throws Exception {
        TestPipeline p = pipeline().sealBytes(2_000).storageSettings(s -> maxChunksUp(s, 2));
        TestInput in = p.storedInput("in.0", "app");
        AtomicBoolean hold = new AtomicBoolean(true);
        TestOutput out = p.output("out.0", "*", null, -1, 1)
                .answering((c, call, w) -> hold.get() ? FlushResult.RETRY : FlushResult.OK);
        engine = p.start();

        for (int i = 0; i < 8; i++) {
            in.emit(10, 100);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.metrics().output("out.0").get("retries") >= 4);
        hold.set(false);

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered().size() == 80);
        assertThat(out.delivered()).doesNotHaveDuplicates();
    }
}
