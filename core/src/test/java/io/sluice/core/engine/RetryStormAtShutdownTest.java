package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.FlushResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryStormAtShutdownTest {

    private final LogCapture log = new LogCapture("engine");
    private final StuckFlush stuck = new StuckFlush();

    @AfterEach
    void release() {
        stuck.release();
        log.close();
    }

    @Test
    void aRetryAnsweredAfterTheGraceDeadlineIsNotRetriedAgain() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02).grace(1);
        TestInput in = p.input("in.0", "t");
        p.output("stuck.0", "*").answering(stuck);
        // Answers its first flush only once shutdown has interrupted the stuck output, then keeps failing fast.
        TestOutput failing = p.output("failing.0", "*", null, 1_000_000, 1).answering((c, call, w) -> {
            if (call == 1) {
                stuck.interrupted().await(10, TimeUnit.SECONDS);
            }
            return FlushResult.RETRY;
        });
        Engine engine = p.start();
        in.emit(5);
        org.awaitility.Awaitility.await().until(() -> failing.calls() == 1 && stuck.entered().getCount() == 0);

        ShutdownReport report = engine.shutdown();

        assertThat(failing.calls()).isEqualTo(1);
        assertThat(report.metrics().output("failing.0").get("retries")).isZero();
        assertThat(log.containing("failed to flush chunk")).isEmpty();
    }
}
