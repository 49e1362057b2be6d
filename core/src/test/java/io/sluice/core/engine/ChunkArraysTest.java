package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkArraysTest {

    private final ChunkArrays arrays = new ChunkArrays(2_048_000, 16_000_000);

    @Test
    void aChunkStartsInTheSmallestClassThatHoldsItsFirstBatch() {
        assertThat(arrays.take(100, false)).hasSize(64 * 1024);
        assertThat(arrays.take(100_000, false)).hasSize(256 * 1024);
        assertThat(arrays.take(300_000, false)).hasSize(1024 * 1024);
        assertThat(arrays.take(100, true)).hasSize(2_048_000 + 256 * 1024);
    }

    @Test
    void aBatchBiggerThanTheFullClassGetsAnArrayOfItsOwn() {
        assertThat(arrays.take(5_000_000, false)).hasSize(5_000_000);
    }

    @Test
    void givenArraysAreReusedAndIdleBytesAreBounded() {
        byte[] full = arrays.take(1, true);
        arrays.give(full);
        assertThat(arrays.take(1, true)).isSameAs(full);
        for (int i = 0; i < 100; i++) {
            arrays.give(new byte[2_048_000 + 256 * 1024]);
        }
        assertThat(arrays.idleBytes()).isLessThanOrEqualTo(16_000_000 / 2);
    }

    @Test
    void noPoolingKeepsNothingIdle() {
        ChunkArrays none = new ChunkArrays(2_048_000, 0);
        none.give(none.take(1, true));
        assertThat(none.idleBytes()).isZero();
    }

    @Test
    void aPoolSizedByTheEngineWideLimitTakesBackAWholeDrainedBuffer() {
        TestPipeline p = new TestPipeline().engineCap(32_000_000);
        p.input("tcp.0", "t");
        ChunkArrays pool = new ChunkArrays(2_048_000, ChunkArrays.allowance(p.config(), EngineTuning.defaults()));
        java.util.List<byte[]> inFlight = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            inFlight.add(pool.take(1, true));
        }

        inFlight.forEach(pool::give);

        java.util.Set<byte[]> given = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        given.addAll(inFlight);
        for (int i = 0; i < 16; i++) {
            assertThat(given.remove(pool.take(1, true))).as("take %d reuses an array", i).isTrue();
        }
    }

    @Test
    void perInputLimitsAddUpAndAnUnboundedPipelineKeepsTheDefaultAllowance() {
        TestPipeline bounded = new TestPipeline().engineCap(0);
        bounded.input("a.0", "a", 5_000_000);
        bounded.input("b.0", "b", 5_000_000);
        TestPipeline unbounded = new TestPipeline().engineCap(0);
        unbounded.input("a.0", "a");
        long array = 2_048_000 + 256 * 1024;

        assertThat(ChunkArrays.allowance(bounded.config(), EngineTuning.defaults()))
                .as("2 inputs x (2 sealed + crossing + open) full arrays, doubled")
                .isEqualTo(2 * 2 * (5_000_000 / 2_048_000 + 2) * array);
        assertThat(ChunkArrays.allowance(unbounded.config(), EngineTuning.defaults())).isEqualTo(16_000_000);
    }
}
