package io.sluice.core.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Chunk files with known content, and where each frame starts, for the storage tests. */
final class ChunkFixtures {

    private ChunkFixtures() {
    }

    /** A batch: opaque event bytes and a record count. */
    record Batch(byte[] bytes, int records) {

        static Batch random(Random random, int size) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            return new Batch(b, 1 + random.nextInt(50));
        }
    }

    /**
     * A written chunk file.
     *
     * @param frameStarts where each batch's frame starts; the last entry is the end of the file
     */
    record Written(Path file, List<Batch> batches, List<Long> frameStarts) {

        long start(int frame) {
            return frameStarts.get(frame);
        }

        long end(int frame) {
            return frameStarts.get(frame + 1);
        }
    }

    static List<Batch> batches(long seed, int count, int minSize, int maxSize) {
        Random random = new Random(seed);
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Batch.random(random, minSize + random.nextInt(maxSize - minSize + 1)));
        }
        return out;
    }

    static Written write(Path file, String tag, List<Batch> batches) throws IOException {
        List<Long> starts = new ArrayList<>();
        try (ChunkWriter w = ChunkWriter.create(file, tag, SyncMode.NORMAL)) {
            for (Batch b : batches) {
                starts.add(w.size());
                w.append(b.bytes(), 0, b.bytes().length, b.records());
            }
            starts.add(w.size());
        }
        return new Written(file, batches, starts);
    }

    /** The events of {@code batches} concatenated, as a chunk's events are. */
    static byte[] concat(List<Batch> batches) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Batch b : batches) {
            out.writeBytes(b.bytes());
        }
        return out.toByteArray();
    }

    static long records(List<Batch> batches) {
        return batches.stream().mapToLong(Batch::records).sum();
    }

    /** The events {@code chunk} holds, exactly. */
    static byte[] events(LoadedChunk chunk) {
        return java.util.Arrays.copyOf(chunk.events(), chunk.eventsLength());
    }
}
