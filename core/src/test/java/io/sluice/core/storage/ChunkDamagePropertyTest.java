package io.sluice.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.storage.ChunkFixtures.Batch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random truncations, byte flips and garbage never make reading a chunk throw: the loader, the header reader and the
 * printer report damage instead, and whatever they recover is real data, in order.
 */
class ChunkDamagePropertyTest {

    /** One change to a file: cut it at a fraction of its length, or flip bits at a fraction. */
    record Damage(boolean truncate, double at, int xor) {

        byte[] apply(byte[] b) {
            int pos = (int) Math.min(b.length - 1, Math.floor(at * b.length));
            if (b.length == 0) {
                return b;
            }
            if (truncate) {
                return Arrays.copyOf(b, pos);
            }
            b[pos] ^= (byte) xor;
            return b;
        }
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void randomTruncationsAndByteFlipsNeverMakeLoadThrowAndRecoverOnlyRealBatchesInOrder(
            @ForAll long seed, @ForAll @IntRange(max = 20) int batchCount, @ForAll("damages") List<Damage> damages) {
        List<Batch> batches = ChunkFixtures.batches(seed, batchCount, 8, 300);
        byte[] file = chunk("app." + (seed & 0xff), batches);
        for (Damage d : damages) {
            file = d.apply(file);
        }

        LoadedChunk c = ChunkLoader.parse(Path.of("random.flb"), file.clone(), file.length);

        Statistics.collect(c.status());
        assertThat(c.validLength()).isBetween(0L, (long) file.length);
        assertThat(c.fileLength()).isEqualTo(file.length);
        assertThat(c.status() == ChunkStatus.OK).isEqualTo(c.status().readable() && c.damage().none());
        if (c.status().readable()) {
            assertRecoveredInOrder(c, batches);
        }
    }

    @Property(tries = 1000)
    void aTruncatedChunkRecoversExactlyTheBatchesWrittenBeforeTheCut(@ForAll long seed,
            @ForAll @IntRange(max = 20) int batchCount, @ForAll @IntRange(max = 1_000_000) int permille) {
        List<Batch> batches = ChunkFixtures.batches(seed, batchCount, 0, 300);
        byte[] whole = chunk("t", batches);
        int cut = (int) ((long) whole.length * permille / 1_000_000);
        int header = ChunkFormat.header("t").length;
        List<Batch> complete = new ArrayList<>();
        int end = header;
        for (Batch b : batches) {
            int next = end + 13 + b.bytes().length;
            if (next > cut) {
                break;
            }
            complete.add(b);
            end = next;
        }

        LoadedChunk c = ChunkLoader.parse(Path.of("t.flb"), Arrays.copyOf(whole, cut), cut);

        if (cut < header) {
            assertThat(c.status()).isIn(ChunkStatus.EMPTY, ChunkStatus.UNREADABLE);
            return;
        }
        assertThat(ChunkFixtures.events(c)).isEqualTo(ChunkFixtures.concat(complete));
        assertThat(c.records()).isEqualTo(ChunkFixtures.records(complete));
        assertThat(c.validLength()).isEqualTo(end);
        assertThat(c.damage()).isEqualTo(cut == end ? ChunkDamage.NONE : new ChunkDamage(cut - end, 0, 0));
        LoadedChunk repaired = ChunkLoader.parse(Path.of("t.flb"), Arrays.copyOf(whole, end), end);
        assertThat(repaired.status()).isEqualTo(ChunkStatus.OK);
    }

    @Property(tries = 1000)
    void randomBytesNeverMakeTheLoaderThrow(@ForAll("garbage") byte[] bytes) {
        LoadedChunk c = ChunkLoader.parse(Path.of("g.flb"), bytes.clone(), bytes.length);

        Statistics.collect(c.status());
        assertThat(c.eventsLength()).isBetween(0, bytes.length);
    }

    @Property(tries = 150)
    void damagedFilesOnDiskAreLoadedIndexedAndPrintedWithoutThrowing(@ForAll long seed,
            @ForAll("damages") List<Damage> damages) throws IOException {
        List<Batch> batches = ChunkFixtures.batches(seed, 1 + (int) (seed & 7), 8, 200);
        byte[] file = chunk("t", batches);
        for (Damage d : damages) {
            file = d.apply(file);
        }
        Path dir = Files.createTempDirectory("chunk-damage");
        try {
            Path path = Files.write(dir.resolve("c.flb"), file);
            Path raw = Files.write(dir.resolve("c.msgpack"), file);

            LoadedChunk c = ChunkLoader.load(path);
            HeaderRead h = ChunkHeaders.read(path);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = ChunkFilePrinter.print(List.of(path, raw), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

            assertThat(h.status()).isEqualTo(c.status().readable() ? ChunkStatus.OK : c.status());
            assertThat(status).isIn(ChunkFilePrinter.OK, ChunkFilePrinter.DAMAGED);
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"file\":");
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<List<Damage>> damages() {
        Arbitrary<Damage> one = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 255))
                .as((kind, at, xor) -> new Damage(kind == 0, at, xor));
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    /** Random bytes, often behind a valid header so that the frame reader is exercised too. */
    @Provide
    Arbitrary<byte[]> garbage() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
                Arbitraries.integers().between(0, 2)).as((tail, kind) -> {
                    byte[] head = kind == 0 ? new byte[0] : ChunkFormat.header("g");
                    byte[] b = Arrays.copyOf(head, head.length + tail.length);
                    System.arraycopy(tail, 0, b, head.length, tail.length);
                    if (kind == 2 && tail.length > 9) {
                        // a frame start with a plausible type and a small length right after the header
                        b[head.length] = (byte) (1 + (tail[0] & 1));
                        b[head.length + 1] = 0;
                        b[head.length + 2] = 0;
                    }
                    return b;
                });
    }

    private static byte[] chunk(String tag, List<Batch> batches) {
        MemoryDisk disk = new MemoryDisk();
        Path file = Path.of("c.flb");
        try (ChunkWriter w = ChunkWriter.create(file, tag, SyncMode.NORMAL, disk)) {
            for (Batch b : batches) {
                w.append(b.bytes(), 0, b.bytes().length, b.records());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return disk.bytes(file);
    }

    /** The recovered events are some of the batches, whole and in their order. */
    private static void assertRecoveredInOrder(LoadedChunk c, List<Batch> batches) {
        byte[] events = ChunkFixtures.events(c);
        int pos = 0;
        long records = 0;
        for (Batch b : batches) {
            byte[] x = b.bytes();
            if (pos + x.length <= events.length && Arrays.equals(events, pos, pos + x.length, x, 0, x.length)) {
                pos += x.length;
                records += b.records();
            }
        }
        assertThat(pos).as("recovered bytes that are whole batches in order").isEqualTo(events.length);
        assertThat(c.records()).isEqualTo(records);
    }
}
