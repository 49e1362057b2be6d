package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.FlushResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown keeps to Grace however many outputs hang, and stops a plugin only after its last flush returned. */
class ShutdownDeadlineTest {

    private final LogCapture log = new LogCapture("engine");
    private final StuckFlush stuck = new StuckFlush();

    @TempDir
    Path storage;

    @AfterEach
    void release() {
        stuck.release();
        log.close();
    }

    @Test
    void threeHangingOutputsDoNotStretchShutdownPastGraceByASecondEach() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02).grace(1);
        TestInput in = p.input("in.0", "t");
        p.output("stuck.0", "*").answering(stuck);
        p.output("stuck.1", "*").answering(stuck);
        p.output("stuck.2", "*").answering(stuck);
        Engine engine = p.start();
        in.emit(3);
        org.awaitility.Awaitility.await().until(() -> engine.pendingTasks() == 3);

        long started = System.nanoTime();
        engine.shutdown();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMillis).isBetween(1_000L, 2_900L);
    }

    @Test
    void anOutputWhoseFlushStillHangsIsNotStopped() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02).grace(1);
        TestInput in = p.input("in.0", "t");
        TestOutput hanging = p.output("stuck.0", "*").answering(stuck);
        Engine engine = p.start();
        in.emit(3);
        stuck.entered().await(5, TimeUnit.SECONDS);

        engine.shutdown();

        assertThat(hanging.stopped()).isFalse();
        assertThat(log.containing("output=stuck.0 still has a flush running after shutdown; not stopping it"))
                .hasSize(1);
    }

    @Test
    void deadLettersAreWrittenBeforeTheOutputIsStopped() throws Exception {
        AtomicLong lettersWhenStopped = new AtomicLong(-1);
        TestPipeline p = new TestPipeline().flush(0.02).grace(1).deadLetters(storage);
        TestInput in = p.input("in.0", "t");
        TestOutput failing = p.output("failing.0", "*", null, 1_000_000, 1)
                .answering((c, call, w) -> FlushResult.RETRY)
                .whenStopped(() -> lettersWhenStopped.set(letters()));
        Engine engine = p.start();
        in.emit(4);
        org.awaitility.Awaitility.await().until(() -> failing.calls() > 1);

        ShutdownReport report = engine.shutdown();

        assertThat(report.undeliveredRecords()).isEqualTo(4);
        assertThat(lettersWhenStopped).hasValue(1);
    }

    private long letters() {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(f -> f.toString().endsWith(".msgpack")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
