package io.sluice.core.storage;

import static io.sluice.core.storage.ChunkFixtures.concat;
import static io.sluice.core.storage.ChunkFixtures.events;
import static io.sluice.core.storage.ChunkFixtures.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.storage.ChunkFixtures.Batch;
import io.sluice.core.storage.ChunkFixtures.Written;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkLoaderTest {

    @TempDir
    Path dir;

    @Test
    void aTornTailAtEveryByteOfTheLastFrameRecoversEveryCompleteBatchAndReportsTheCut() throws IOException {
        List<Batch> batches = ChunkFixtures.batches(10, 5, 50, 300);
        Written w = ChunkFixtures.write(dir.resolve("whole.flb"), "t", batches);
        byte[] whole = Files.readAllBytes(w.file());
        long last = w.start(4);
        for (int cut = (int) last; cut < whole.length; cut++) {
            Path file = Files.write(dir.resolve("torn.flb"), Arrays.copyOf(whole, cut));

            LoadedChunk c = ChunkLoader.load(file);

            assertThat(events(c)).as("cut at %d", cut).isEqualTo(concat(batches.subList(0, 4)));
            assertThat(c.records()).isEqualTo(records(batches.subList(0, 4)));
            assertThat(c.validLength()).isEqualTo(last);
            assertThat(c.damage().tornTailBytes()).as("cut at %d", cut).isEqualTo(cut - last);
            assertThat(c.damage().lostData()).isFalse();
            assertThat(c.status()).isEqualTo(cut == last ? ChunkStatus.OK : ChunkStatus.DAMAGED);

            assertThat(ChunkRepair.cutToValidLength(c, SyncMode.NORMAL)).isEqualTo(cut - last);
            LoadedChunk repaired = ChunkLoader.load(file);
            assertThat(repaired.status()).isEqualTo(ChunkStatus.OK);
            assertThat(events(repaired)).isEqualTo(concat(batches.subList(0, 4)));
        }
    }

    @Test
    void aFlippedByteAnywhereInAMiddleFrameLosesOnlyThatFrame() throws IOException {
        // a payload length of 0x80 bytes: flipping any byte of the length points inside the frame or past the file
        List<Batch> batches = new ArrayList<>(ChunkFixtures.batches(11, 5, 30, 300));
        batches.set(2, Batch.random(new Random(12), 124));
        Written w = ChunkFixtures.write(dir.resolve("whole.flb"), "t", batches);
        byte[] whole = Files.readAllBytes(w.file());
        List<Batch> survivors = List.of(batches.get(0), batches.get(1), batches.get(3), batches.get(4));
        for (long at = w.start(2); at < w.end(2); at++) {
            byte[] damaged = whole.clone();
            damaged[(int) at] ^= (byte) 0xFF;
            Path file = Files.write(dir.resolve("flipped.flb"), damaged);

            LoadedChunk c = ChunkLoader.load(file);

            assertThat(events(c)).as("flip at %d", at).isEqualTo(concat(survivors));
            assertThat(c.records()).isEqualTo(records(survivors));
            assertThat(c.status()).isEqualTo(ChunkStatus.DAMAGED);
            assertThat(c.damage()).as("flip at %d", at).isEqualTo(new ChunkDamage(0, 1, w.end(2) - w.start(2)));
            assertThat(c.damage().describe()).isEqualTo("1 corrupt frame (137 bytes) skipped");
        }
    }

    @Test
    void aFlippedBitInALengthThatStillFitsLosesOnlyThatFrame() throws IOException {
        List<Batch> batches = ChunkFixtures.batches(13, 6, 500, 500);
        Written w = ChunkFixtures.write(dir.resolve("whole.flb"), "t", batches);
        for (int bit = 0; bit < 9; bit++) {
            byte[] damaged = Files.readAllBytes(w.file());
            // payload length 504 = 0x1F8: lower and higher lengths that all fit in the file
            int lengthLow = (int) w.start(1) + 4;
            int value = (damaged[lengthLow - 1] & 0xff) << 8 | damaged[lengthLow] & 0xff;
            value ^= 1 << bit;
            damaged[lengthLow - 1] = (byte) (value >> 8);
            damaged[lengthLow] = (byte) value;
            Path file = Files.write(dir.resolve("flipped.flb"), damaged);

            LoadedChunk c = ChunkLoader.load(file);

            List<Batch> survivors = new ArrayList<>(batches);
            survivors.remove(1);
            assertThat(events(c)).as("bit %d", bit).isEqualTo(concat(survivors));
            assertThat(c.damage().corruptFrames()).isEqualTo(1);
        }
    }

    @Test
    void aFlippedHeaderByteMakesTheFileUnreadable() throws IOException {
        Written w = ChunkFixtures.write(dir.resolve("whole.flb"), "app.log", ChunkFixtures.batches(14, 3, 10, 50));
        byte[] whole = Files.readAllBytes(w.file());
        for (int at = 0; at < w.start(0); at++) {
            byte[] damaged = whole.clone();
            damaged[at] ^= (byte) 0x01;
            Path file = Files.write(dir.resolve("flipped.flb"), damaged);

            LoadedChunk c = ChunkLoader.load(file);

            assertThat(c.status().readable()).as("flip at %d", at).isFalse();
            assertThat(c.status()).isIn(ChunkStatus.UNREADABLE, ChunkStatus.NEWER_VERSION);
            assertThat(c.problem()).isNotBlank();
            assertThat(c.eventsLength()).isZero();
            assertThat(ChunkHeaders.read(file).ok()).isFalse();
        }
    }

    @Test
    void aZeroLengthFileIsEmptyNotCorrupt() throws IOException {
        LoadedChunk c = ChunkLoader.load(Files.createFile(dir.resolve("c.flb")));

        assertThat(c.status()).isEqualTo(ChunkStatus.EMPTY);
        assertThat(c.problem()).isEqualTo("empty file");
    }

    @Test
    void garbageIsUnreadable() throws IOException {
        byte[] garbage = new byte[5000];
        new Random(15).nextBytes(garbage);

        LoadedChunk c = ChunkLoader.load(Files.write(dir.resolve("c.flb"), garbage));
        LoadedChunk text = ChunkLoader.load(Files.writeString(dir.resolve("t.flb"), "hello\n"));

        assertThat(c.status()).isEqualTo(ChunkStatus.UNREADABLE);
        assertThat(c.problem()).contains("not a sluice chunk file");
        assertThat(text.status()).isEqualTo(ChunkStatus.UNREADABLE);
    }

    @Test
    void aTruncatedHeaderIsUnreadable() throws IOException {
        Written w = ChunkFixtures.write(dir.resolve("whole.flb"), "app.log", List.of());
        byte[] whole = Files.readAllBytes(w.file());
        for (int cut = 1; cut < whole.length; cut++) {
            Path file = Files.write(dir.resolve("cut.flb"), Arrays.copyOf(whole, cut));

            LoadedChunk c = ChunkLoader.load(file);

            assertThat(c.status()).as("cut at %d", cut).isEqualTo(ChunkStatus.UNREADABLE);
            assertThat(c.problem()).startsWith("truncated header");
        }
    }

    @Test
    void aHeaderOnlyFileIsAnIntactChunkWithoutEvents() throws IOException {
        Written w = ChunkFixtures.write(dir.resolve("c.flb"), "app.log", List.of());

        LoadedChunk c = ChunkLoader.load(w.file());

        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(c.tag()).isEqualTo("app.log");
        assertThat(c.eventsLength()).isZero();
        assertThat(c.records()).isZero();
        assertThat(c.validLength()).isEqualTo(c.header().length()).isEqualTo(18 + 7);
    }

    @Test
    void aNewerFormatVersionIsRefusedWithAClearMessage() throws IOException {
        byte[] header = ChunkFormat.header("t");
        header[9] = 2;
        CRC32C crc = new CRC32C();
        crc.update(header, 0, header.length - 4);
        ChunkFormat.putU32(header, header.length - 4, crc.getValue());

        LoadedChunk c = ChunkLoader.load(Files.write(dir.resolve("c.flb"), header));

        assertThat(c.status()).isEqualTo(ChunkStatus.NEWER_VERSION);
        assertThat(c.problem()).startsWith("chunk format version 2 is newer than this sluice reads (1)");
    }

    @Test
    void unknownFlagsAreIgnored() throws IOException {
        byte[] header = ChunkFormat.header("t");
        header[11] = 4;
        CRC32C crc = new CRC32C();
        crc.update(header, 0, header.length - 4);
        ChunkFormat.putU32(header, header.length - 4, crc.getValue());

        LoadedChunk c = ChunkLoader.load(Files.write(dir.resolve("c.flb"), header));

        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(c.header().flags()).isEqualTo(4);
    }

    @Test
    void aFrameOfAnUnknownTypeWithAValidChecksumIsSkipped() throws IOException {
        List<Batch> batches = ChunkFixtures.batches(16, 2, 10, 10);
        Written w = ChunkFixtures.write(dir.resolve("c.flb"), "t", batches.subList(0, 1));
        Files.write(w.file(), frame((byte) 77, "from a newer sluice".getBytes(StandardCharsets.UTF_8)),
                StandardOpenOption.APPEND);
        try (ChunkWriter more = ChunkWriter.resume(ChunkLoader.load(w.file()), SyncMode.NORMAL)) {
            more.markDone("o");
        }
        Files.write(w.file(), frame((byte) 1, ByteBuffer.allocate(14).putInt(batches.get(1).records())
                .put(batches.get(1).bytes()).array()), StandardOpenOption.APPEND);

        LoadedChunk c = ChunkLoader.load(w.file());

        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(events(c)).isEqualTo(concat(batches));
        assertThat(c.frames()).isEqualTo(4);
        assertThat(c.doneOutputs()).containsExactly("o");
    }

    @Test
    void aZeroFilledTailFromAPowerLossIsCutOffAndTheBatchesBeforeItKept() throws IOException {
        List<Batch> batches = ChunkFixtures.batches(17, 3, 10, 100);
        Written w = ChunkFixtures.write(dir.resolve("c.flb"), "t", batches);
        Files.write(w.file(), new byte[4096], StandardOpenOption.APPEND);

        LoadedChunk c = ChunkLoader.load(w.file());

        assertThat(events(c)).isEqualTo(concat(batches));
        assertThat(c.validLength()).isEqualTo(w.end(2));
        assertThat(ChunkRepair.cutToValidLength(c, SyncMode.NORMAL)).isEqualTo(4096);
        assertThat(ChunkLoader.load(w.file()).status()).isEqualTo(ChunkStatus.OK);
    }

    @Test
    void aCorruptLastFrameIsSkippedAndCutByRepair() throws IOException {
        List<Batch> batches = ChunkFixtures.batches(18, 3, 10, 100);
        Written w = ChunkFixtures.write(dir.resolve("c.flb"), "t", batches);
        byte[] b = Files.readAllBytes(w.file());
        b[b.length - 1] ^= 1;
        Files.write(w.file(), b);

        LoadedChunk c = ChunkLoader.load(w.file());

        assertThat(events(c)).isEqualTo(concat(batches.subList(0, 2)));
        assertThat(c.damage()).isEqualTo(new ChunkDamage(0, 1, w.end(2) - w.start(2)));
        assertThat(ChunkRepair.cutToValidLength(c, SyncMode.NORMAL)).isEqualTo(w.end(2) - w.start(2));
    }

    @Test
    void aCorruptFrameFollowedByATornTailReportsBoth() throws IOException {
        List<Batch> batches = ChunkFixtures.batches(19, 3, 100, 100);
        Written w = ChunkFixtures.write(dir.resolve("c.flb"), "t", batches);
        byte[] b = Arrays.copyOf(Files.readAllBytes(w.file()), (int) w.end(2) - 10);
        b[(int) w.start(1) + 20] ^= 1;
        Files.write(w.file(), b);

        LoadedChunk c = ChunkLoader.load(w.file());

        assertThat(events(c)).isEqualTo(concat(batches.subList(0, 1)));
        assertThat(c.damage()).isEqualTo(new ChunkDamage(w.end(2) - 10 - w.start(2), 1, w.end(1) - w.start(1)));
        assertThat(c.damage().describe()).isEqualTo("1 corrupt frame (113 bytes) skipped; torn tail of 103 bytes after"
                + " the last complete frame");
    }

    @Test
    void aFileLargerThanTheLimitIsNotRead() throws IOException {
        Written w = ChunkFixtures.write(dir.resolve("c.flb"), "t", ChunkFixtures.batches(20, 3, 100, 100));

        LoadedChunk c = ChunkLoader.load(w.file(), 100);

        assertThat(c.status()).isEqualTo(ChunkStatus.TOO_LARGE);
        assertThat(c.fileLength()).isEqualTo(Files.size(w.file()));
    }

    @Test
    void aMissingFileIsAnIoErrorForTheCallerToReport() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChunkLoader.load(dir.resolve("missing.flb")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void thousandsOfTinyCorruptFramesAreSkippedOneByOne() throws IOException {
        Path file = dir.resolve("c.flb");
        try (ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.NORMAL)) {
            for (int i = 0; i < 5000; i++) {
                w.markDone("o" + i);
            }
            w.append(new byte[] {7}, 0, 1, 1);
        }
        byte[] b = Files.readAllBytes(file);
        for (int i = 30; i < b.length - 20; i += 11) {
            b[i] ^= 0x40;
        }
        Files.write(file, b);

        LoadedChunk c = ChunkLoader.load(file);

        assertThat(c.status()).isEqualTo(ChunkStatus.DAMAGED);
        assertThat(events(c)).containsExactly(7);
    }

    /** A frame as the writer makes one. */
    static byte[] frame(byte type, byte[] payload) {
        ByteBuffer f = ByteBuffer.allocate(9 + payload.length).put(type).putInt(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(f.array(), 0, 5 + payload.length);
        return f.putInt((int) crc.getValue()).array();
    }
}
