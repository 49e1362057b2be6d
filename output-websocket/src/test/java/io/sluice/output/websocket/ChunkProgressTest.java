package io.sluice.output.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.EventChunk;
import org.junit.jupiter.api.Test;

class ChunkProgressTest {

    private final ChunkProgress progress = new ChunkProgress();

    @Test
    void aChunkSeenTheFirstTimeStartsAtItsFirstRecord() {
        assertThat(progress.confirmed(Chunks.numbered(0, 10))).isZero();
    }

    @Test
    void aRetriedChunkResumesAfterWhatWasConfirmed() {
        EventChunk chunk = Chunks.numbered(0, 10);
        progress.remember(chunk, 4);

        // core hands the same chunk again, as a new view of the same bytes
        assertThat(progress.confirmed(chunk.copy())).isEqualTo(4);
        progress.forget(chunk);
        assertThat(progress.confirmed(chunk)).isZero();
        assertThat(progress.size()).isZero();
    }

    @Test
    void aChunkWithTheSameIdButOtherBytesStartsAfresh() {
        EventChunk chunk = Chunks.numbered(0, 10);
        progress.remember(chunk, 4);
        byte[] changed = chunk.data().clone();
        changed[changed.length - 1] ^= 1;

        assertThat(progress.confirmed(new EventChunk(chunk.id(), chunk.tag(), changed, 0, changed.length, 10)))
                .isZero();
        assertThat(progress.size()).isZero();
    }

    @Test
    void itHoldsABoundedNumberOfChunks() {
        for (int i = 0; i < ChunkProgress.MAX_CHUNKS + 50; i++) {
            EventChunk c = Chunks.numbered(i, 2);
            progress.remember(new EventChunk("c" + i, c.tag(), c.data(), 0, c.length(), 2), 1);
        }

        assertThat(progress.size()).isEqualTo(ChunkProgress.MAX_CHUNKS);
    }

    @Test
    void nothingConfirmedIsNothingToRemember() {
        EventChunk chunk = Chunks.numbered(0, 10);
        progress.remember(chunk, 0);

        assertThat(progress.size()).isZero();
    }
}
