package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.FlushResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkersTest {

    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
    }

    @Test
    void fourWorkersFlushInParallelAndLoseOrDuplicateNothing() throws Exception {
        CyclicBarrier together = new CyclicBarrier(4);
        TestPipeline p = new TestPipeline().flush(0.05).sealBytes(500);
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*", null, 1, 4).answering((c, call, w) -> {
            if (call <= 4) {
                try {
                    together.await(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.BrokenBarrierException | TimeoutException e) {
                    return FlushResult.ERROR;
                }
            }
            return FlushResult.OK;
        });
        engine = p.start();

        for (int i = 0; i < 400; i++) {
            in.emit(5, 20);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered().size() == 2_000);
        assertThat(out.delivered()).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 2_000).boxed().toList());
        assertThat(out.maxInFlight()).isEqualTo(4);
        assertThat(new HashSet<>(out.workers())).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(out.context().workers()).isEqualTo(4);
    }
}
