package io.sluice.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkHeadersTest {

    @TempDir
    Path dir;

    @Test
    void theHeaderGivesTheTagAndVersionWithoutReadingTheFrames() throws IOException {
        ChunkFixtures.Written w = ChunkFixtures.write(dir.resolve("c.flb"), "kube.var.log.containers.app",
                ChunkFixtures.batches(1, 50, 1000, 5000));

        HeaderRead h = ChunkHeaders.read(w.file());

        assertThat(h.ok()).isTrue();
        assertThat(h.header()).isEqualTo(new ChunkHeader(1, 0, "kube.var.log.containers.app", 18 + 27));
        assertThat(h.problem()).isNull();
    }

    @Test
    void aTagLongerThanTheFirstReadIsReadWhole() throws IOException {
        String tag = "é".repeat(3000);
        ChunkWriter.create(dir.resolve("c.flb"), tag, SyncMode.NORMAL).close();

        HeaderRead h = ChunkHeaders.read(dir.resolve("c.flb"));

        assertThat(h.ok()).isTrue();
        assertThat(h.header().tag()).isEqualTo(tag);
    }

    @Test
    void emptyGarbageAndTruncatedFilesAreReportedNotThrown() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.flb"));
        Path garbage = Files.writeString(dir.resolve("garbage.flb"), "not a chunk at all");
        Path truncated = Files.write(dir.resolve("truncated.flb"), java.util.Arrays.copyOf(ChunkFormat.header("a.b"), 16));

        assertThat(ChunkHeaders.read(empty).status()).isEqualTo(ChunkStatus.EMPTY);
        assertThat(ChunkHeaders.read(garbage).status()).isEqualTo(ChunkStatus.UNREADABLE);
        assertThat(ChunkHeaders.read(truncated).problem()).isEqualTo("truncated header: 16 of 21 bytes");
    }

    @Test
    void indexingTwoThousandChunkFilesReadsOnlyTheirHeaders() throws IOException {
        List<ChunkFixtures.Batch> batches = ChunkFixtures.batches(2, 4, 2_000, 4_000);
        for (int i = 0; i < 2000; i++) {
            try (ChunkWriter w = ChunkWriter.create(dir.resolve(i + "-1700000000.000000000.flb"), "tag." + (i % 7),
                    SyncMode.NORMAL)) {
                for (ChunkFixtures.Batch b : batches) {
                    w.append(b.bytes(), 0, b.bytes().length, b.records());
                }
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.toList();
        }
        // warm-up, so the figure is about the I/O path and not class loading
        for (int i = 0; i < 100; i++) {
            ChunkHeaders.read(files.get(i));
        }

        long start = System.nanoTime();
        List<HeaderRead> headers = new ArrayList<>();
        for (Path f : files) {
            headers.add(ChunkHeaders.read(f));
        }
        long nanos = System.nanoTime() - start;

        System.out.printf("indexed %d chunk files (%d KB each) from their headers in %.1f ms (%.1f us per file)%n",
                files.size(), Files.size(files.get(0)) / 1000, nanos / 1e6,
                nanos / 1e3 / files.size());
        assertThat(headers).allMatch(HeaderRead::ok);
    }
}
