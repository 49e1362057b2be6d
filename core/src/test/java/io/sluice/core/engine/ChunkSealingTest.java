package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.EventChunk;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkSealingTest {

    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
    }

    @Test
    void batchesBetweenTwoTicksShareOneChunk() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.5);
        TestInput in = p.input("in", "t");
        TestOutput out = p.output("out", "*");
        engine = p.start();

        in.emit(1);
        in.emit(2);
        in.emit(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 6);
        assertThat(out.chunks()).hasSize(1);
        assertThat(out.chunks().get(0).records()).isEqualTo(6);
        assertThat(out.delivered()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aTickSealsAChunkWithFractionalFlushSeconds() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.2);
        TestInput in = p.input("in", "t");
        TestOutput out = p.output("out", "*");
        engine = p.start();

        in.emit(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 1);
        in.emit(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 2);

        assertThat(out.chunks()).hasSize(2);
    }

    @Test
    void aChunkOverTheSizeLimitIsSealedWithoutWaitingForTheTick() throws Exception {
        TestPipeline p = new TestPipeline().flush(3600).sealBytes(2_000);
        TestInput in = p.input("in", "t");
        TestOutput out = p.output("out", "*");
        engine = p.start();

        for (int i = 0; i < 20; i++) {
            in.emit(1, 280);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> out.chunks().size() >= 2);
        for (EventChunk c : out.chunks()) {
            assertThat(c.length()).isGreaterThan(2_000).isLessThanOrEqualTo(2_000 + 320);
        }
    }

    @Test
    void chunkIdsAreUniqueAndLookLikeFluentBits() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.05);
        TestInput in = p.input("in", "t");
        TestOutput out = p.output("out", "*");
        engine = p.start();

        for (int i = 0; i < 3; i++) {
            in.emit(1);
            int want = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> out.chunks().size() == want);
        }

        assertThat(out.chunks()).extracting(EventChunk::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("\\d+-\\d+\\.\\d{9}\\.flb"));
    }
}
