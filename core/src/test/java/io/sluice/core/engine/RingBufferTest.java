package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.FlushResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code storage.type memrb}: over its limit an input drops its oldest chunks, counted, instead of pausing. */
class RingBufferTest {

    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
    }

    @Test
    void overItsLimitAMemrbInputDropsItsOldestChunksAndNeverPauses() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        TestPipeline p = new TestPipeline().sealBytes(2_000);
        TestInput in = p.ringInput("ring.0", "app", 20_000);
        TestOutput out = p.output("out.0", "*", null, -1, 1)
                .answering((c, call, w) -> down.get() ? FlushResult.RETRY : FlushResult.OK);
        engine = p.start();

        for (int i = 0; i < 60; i++) {
            in.emit(10, 100);
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                engine.metrics().input("ring.0").pluginCounters().getOrDefault("memrb_dropped_chunks", 0L) > 0);
        down.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.pendingTasks() == 0);

        assertThat(in.pauses()).isZero();
        long dropped = engine.metrics().input("ring.0").pluginCounters().get("memrb_dropped_chunks");
        assertThat(dropped).isPositive();
        assertThat(out.delivered()).contains(599L).hasSizeLessThan(600);
        assertThat(engine.metrics().output("out.0").get("dropped_records")).isZero();
    }
}
