package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flush still running at shutdown may yet deliver: it is reported as unknown, not dropped or dead-lettered. */
class InFlightAtShutdownTest {

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
    void aFlushStillRunningAtShutdownIsNeitherDroppedNorDeadLettered() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02).grace(1).deadLetters(storage);
        TestInput in = p.input("in.0", "t");
        p.output("stuck.0", "*").answering(stuck);
        Engine engine = p.start();
        in.emit(6);
        stuck.entered().await(5, TimeUnit.SECONDS);
        in.emit(4);
        org.awaitility.Awaitility.await().until(() -> engine.pendingTasks() == 2);

        ShutdownReport report = engine.shutdown();

        assertThat(report.metrics().output("stuck.0").get("dropped_records")).isEqualTo(4);
        assertThat(report.undeliveredRecords()).isEqualTo(4);
        assertThat(letters()).isEqualTo(1);
        assertThat(log.containing("output=stuck.0: 6 records in 1 tasks still flushing at shutdown, outcome unknown"))
                .hasSize(1);
    }

    private long letters() throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(f -> f.toString().endsWith(".msgpack")).count();
        }
    }
}
