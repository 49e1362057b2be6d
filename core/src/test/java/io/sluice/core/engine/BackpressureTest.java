package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.FlushResult;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackpressureTest {

    private Engine engine;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final LogCapture log = new LogCapture("input");

    @AfterEach
    void stop() {
        gate.countDown();
        if (engine != null) {
            engine.shutdown();
        }
        log.close();
    }

    @Test
    void aSlowOutputPausesTheInputAtItsMemBufLimitAndDrainingResumesIt() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02);
        TestInput in = p.input("fast.0", "t", 20_000);
        TestOutput out = p.output("slow.0", "*").answering((c, call, w) -> {
            gate.await();
            return FlushResult.OK;
        });
        engine = p.start();

        while (!in.paused()) {
            in.emit(10, 90);
            assertThat(engine.bufferedBytes()).isLessThan(20_000 + 10 * 1_200);
            Thread.onSpinWait();
        }
        long atPause = engine.bufferedBytes();
        assertThat(atPause).isGreaterThanOrEqualTo(20_000);
        assertThat(log.containing("fast.0 paused (mem buf overlimit)")).hasSize(1);

        gate.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> !in.paused());
        assertThat(log.containing("fast.0 resume (mem buf overlimit)")).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == in.emitted());
        assertThat(out.delivered()).doesNotHaveDuplicates();
        assertThat(engine.bufferedBytes()).isZero();
    }

    @Test
    void withoutALimitTheEngineWideCapPausesAndResumesTheInput() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02).engineCap(30_000);
        TestInput in = p.input("unlimited.0", "t");
        p.output("slow.0", "*").answering((c, call, w) -> {
            gate.await();
            return FlushResult.OK;
        });
        engine = p.start();

        while (!in.paused()) {
            in.emit(10, 90);
            assertThat(engine.bufferedBytes()).isLessThan(30_000 + 10 * 1_200);
        }
        gate.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> !in.paused());
        assertThat(in.pauses()).isEqualTo(1);
        assertThat(in.resumes()).isEqualTo(1);
    }

    @Test
    void repeatedPressureLogsEachPauseAndResumeOnce() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02);
        TestInput in = p.input("fast.0", "t", 10_000);
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0);
        TestOutput out = p.output("slow.0", "*").answering((c, call, w) -> {
            permits.acquire();
            return FlushResult.OK;
        });
        engine = p.start();

        for (int round = 1; round <= 3; round++) {
            while (!in.paused()) {
                in.emit(10, 90);
            }
            permits.release(1_000);
            await().atMost(Duration.ofSeconds(5)).until(() -> !in.paused());
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.pendingTasks() == 0);
            permits.drainPermits();
        }

        assertThat(in.pauses()).isEqualTo(3);
        assertThat(in.resumes()).isEqualTo(3);
        assertThat(log.containing("paused (mem buf overlimit)")).hasSize(3);
        assertThat(log.containing("resume (mem buf overlimit)")).hasSize(3);
        assertThat(out.delivered()).hasSize((int) in.emitted()).doesNotHaveDuplicates();
    }

    @Test
    void aPausedInputResumesOnlyOnceBelowHalfOfItsLimit() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02).sealBytes(1_000);
        TestInput in = p.input("fast.0", "t", 20_000);
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0);
        p.output("slow.0", "*").answering((c, call, w) -> {
            permits.acquire();
            return FlushResult.OK;
        });
        engine = p.start();
        while (!in.paused()) {
            in.emit(2, 90);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.pendingTasks() > 0);

        int drained = 0;
        while (engine.bufferedBytes() >= 10_000) {
            assertThat(in.resumes()).as("resumed at %d buffered bytes", engine.bufferedBytes()).isZero();
            long before = engine.bufferedBytes();
            permits.release(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.bufferedBytes() < before);
            drained++;
            if (engine.bufferedBytes() < 20_000 && engine.bufferedBytes() >= 10_000) {
                await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> in.paused());
            }
        }
        permits.release(1_000);

        await().atMost(Duration.ofSeconds(5)).until(() -> !in.paused());
        assertThat(drained).isGreaterThan(1);
        assertThat(in.resumes()).isEqualTo(1);
        assertThat(log.containing("fast.0 resume (mem buf overlimit)")).hasSize(1);
    }
}
