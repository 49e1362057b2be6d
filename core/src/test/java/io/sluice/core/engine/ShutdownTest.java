package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.FlushResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    private final LogCapture log = new LogCapture("engine");
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void release() {
        never.countDown();
        log.close();
    }

    @Test
    void shutdownSealsOpenChunksAndDeliversThemWithinGrace() throws Exception {
        TestPipeline p = new TestPipeline().flush(3600).grace(5);
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*");
        Engine engine = p.start();
        in.emit(9);

        ShutdownReport report = engine.shutdown();

        assertThat(out.delivered()).hasSize(9);
        assertThat(report.pendingTasks()).isZero();
        assertThat(in.stopped()).isTrue();
        assertThat(out.stopped()).isTrue();
        assertThat(log.lines()).contains("INFO service will shutdown in max 5 seconds",
                "INFO service has stopped (0 pending tasks)");
    }

    @Test
    void pendingRetriesFireAtOnceOnShutdown() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02).grace(5).backoff(60_000, 60_000);
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*", null, 3, 1)
                .answering((c, call, w) -> call == 1 ? FlushResult.RETRY : FlushResult.OK);
        Engine engine = p.start();
        in.emit(4);
        org.awaitility.Awaitility.await().until(() -> out.calls() == 1 && engine.pendingTasks() == 1);

        long started = System.nanoTime();
        ShutdownReport report = engine.shutdown();

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
        assertThat(out.delivered()).hasSize(4);
        assertThat(report.pendingTasks()).isZero();
    }

    @Test
    void whatCannotBeDeliveredWithinGraceIsCountedInTheLastLines() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02).grace(1);
        TestInput in = p.input("in.0", "t");
        p.output("stuck.0", "*").answering((c, call, w) -> {
            never.await();
            return FlushResult.OK;
        });
        Engine engine = p.start();
        in.emit(6);
        org.awaitility.Awaitility.await().until(() -> engine.pendingTasks() == 1 && engine.bufferedBytes() > 0);
        in.emit(4);

        long started = System.nanoTime();
        ShutdownReport report = engine.shutdown();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMillis).isBetween(1_000L, 4_000L);
        assertThat(report.pendingTasks()).isEqualTo(2);
        assertThat(report.undeliveredRecords()).isEqualTo(10);
        assertThat(report.metrics().output("stuck.0").get("dropped_records")).isEqualTo(10);
        assertThat(log.lines()).contains("INFO service has stopped (2 pending tasks)",
                "WARN 10 records in 2 tasks were not delivered");
        assertThat(log.lines().get(log.lines().size() - 1))
                .startsWith("INFO summary output=stuck.0 proc_records=0 proc_bytes=0 errors=0")
                .contains("dropped_records=10");
        assertThat(log.containing("summary input=in.0 records=10 bytes=")).hasSize(1);
    }

    @Test
    void graceMinusOneWaitsUntilEverythingIsDelivered() throws Exception {
        CountDownLatch opens = new CountDownLatch(1);
        TestPipeline p = new TestPipeline().flush(0.02).grace(-1);
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("late.0", "*").answering((c, call, w) -> {
            opens.await();
            return FlushResult.OK;
        });
        Engine engine = p.start();
        in.emit(3);
        org.awaitility.Awaitility.await().until(() -> out.calls() == 1);
        var opener = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        opener.schedule(opens::countDown, 1_500, TimeUnit.MILLISECONDS);

        long started = System.nanoTime();
        ShutdownReport report;
        try {
            report = engine.shutdown();
        } finally {
            opener.shutdownNow();
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(1_400);
        assertThat(report.pendingTasks()).isZero();
        assertThat(out.delivered()).hasSize(3);
    }

    @Test
    void shutdownTwiceIsHarmless() throws Exception {
        TestPipeline p = new TestPipeline();
        p.input("in.0", "t");
        p.output("out.0", "*");
        Engine engine = p.start();

        ShutdownReport first = engine.shutdown();
        ShutdownReport second = engine.shutdown();

        assertThat(second).isSameAs(first);
    }
}
