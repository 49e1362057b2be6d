package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.FlushResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkMemoryTest {

    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
    }

    @Test
    void smallChunksWaitingForARetryHoldOnlyTheirOwnBytes() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.01);
        TestInput in = p.input("quiet.0", "t", 1_000_000);
        List<int[]> seen = new CopyOnWriteArrayList<>();
        p.output("slow.0", "*", null, io.sluice.core.config.OutputDefinition.UNLIMITED, 1).answering((chunk, call, worker) -> {
            seen.add(new int[] {chunk.data().length, chunk.length()});
            return call < 20 ? FlushResult.RETRY : FlushResult.OK;
        });
        engine = p.start();

        for (int i = 1; i <= 20; i++) {
            int sealed = i;
            in.emit(1, 90);
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= sealed);
        }

        for (int[] arrayAndContent : seen) {
            assertThat(arrayAndContent[0]).as("array behind a chunk of %d bytes", arrayAndContent[1])
                    .isLessThanOrEqualTo(2 * arrayAndContent[1]);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.pendingTasks() == 0);
        assertThat(engine.bufferedBytes()).isZero();
    }
}
