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
}
