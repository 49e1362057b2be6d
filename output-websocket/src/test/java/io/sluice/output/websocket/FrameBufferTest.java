package io.sluice.output.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameBufferTest {

    private final FrameBuffer frames = new FrameBuffer();

    @Test
    void givenBackArrayIsLentAgainForTheNextFrame() {
        byte[] first = frames.lend(2_000_000);
        frames.giveBack();

        assertThat(frames.lend(1_900_000)).isSameAs(first);
    }

    @Test
    void arrayStillLentIsNeverHandedOutTwice() {
        byte[] first = frames.lend(1000);

        byte[] second = frames.lend(1000);

        assertThat(second).isNotSameAs(first).hasSize(1000);
        frames.giveBack();
        assertThat(frames.lend(1000)).isSameAs(first);
    }

    @Test
    void growsToTheLargestFrame() {
        frames.lend(100_000);
        frames.giveBack();

        byte[] bigger = frames.lend(3_000_000);

        assertThat(bigger.length).isGreaterThanOrEqualTo(3_000_000);
        assertThat(frames.capacity()).isEqualTo(bigger.length);
    }

    @Test
    void shrinksAfterARareHugeFrameOnceSmallFramesFollow() {
        frames.lend(50_000_000);
        frames.giveBack();

        for (int i = 0; i < FrameBuffer.SHRINK_AFTER; i++) {
            assertThat(frames.lend(2_000_000).length).isGreaterThanOrEqualTo(2_000_000);
            frames.giveBack();
        }

        assertThat(frames.capacity()).isBetween(2_000_000, 4_000_000);
    }

    @Test
    void keepsItsSizeWhileFramesKeepUsingIt() {
        frames.lend(2_400_000);
        frames.giveBack();
        int capacity = frames.capacity();

        for (int i = 0; i < 100; i++) {
            frames.lend(2_000_000 + (i % 3) * 100_000);
            frames.giveBack();
        }

        assertThat(frames.capacity()).isEqualTo(capacity);
    }
}
