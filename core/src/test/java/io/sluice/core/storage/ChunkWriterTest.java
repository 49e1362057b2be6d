package io.sluice.core.storage;

import static io.sluice.core.storage.ChunkFixtures.concat;
import static io.sluice.core.storage.ChunkFixtures.events;
import static io.sluice.core.storage.ChunkFixtures.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.storage.ChunkFixtures.Batch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkWriterTest {

    @TempDir
    Path dir;

    @Test
    void manyBatchesComeBackInOrderWithTheirRecordCounts() throws IOException {
        Path file = dir.resolve("1-1700000000.000000001.flb");
        List<Batch> batches = ChunkFixtures.batches(1, 300, 0, 2000);
        long size;
        try (ChunkWriter w = ChunkWriter.create(file, "app.log", SyncMode.NORMAL)) {
            for (Batch b : batches) {
                // the batch sits inside a larger array, as in an input's buffer
                byte[] buffer = new byte[b.bytes().length + 10];
                System.arraycopy(b.bytes(), 0, buffer, 7, b.bytes().length);
                w.append(buffer, 7, b.bytes().length, b.records());
            }
            size = w.size();
            assertThat(w.batches()).isEqualTo(300);
            assertThat(w.records()).isEqualTo(records(batches));
        }

        LoadedChunk c = ChunkLoader.load(file);

        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(c.tag()).isEqualTo("app.log");
        assertThat(c.header().version()).isEqualTo(1);
        assertThat(events(c)).isEqualTo(concat(batches));
        assertThat(c.records()).isEqualTo(records(batches));
        assertThat(c.batches()).isEqualTo(300);
        assertThat(c.doneOutputs()).isEmpty();
        assertThat(c.validLength()).isEqualTo(size).isEqualTo(c.fileLength()).isEqualTo(Files.size(file));
    }

    @Test
    void theFileIsExactlyTheDocumentedFormat() throws IOException {
        Path file = dir.resolve("c.flb");
        try (ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.NORMAL)) {
            w.append(new byte[] {(byte) 0x90}, 0, 1, 1);
            w.markDone("o");
        }
        byte[] b = Files.readAllBytes(file);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b, 0, 15);
        int headerCrc = (int) crc.getValue();
        crc.reset();
        crc.update(new byte[] {1, 0, 0, 0, 5, 0, 0, 0, 1, (byte) 0x90});
        int batchCrc = (int) crc.getValue();
        crc.reset();
        crc.update(new byte[] {2, 0, 0, 0, 1, 'o'});
        int doneCrc = (int) crc.getValue();
        java.nio.ByteBuffer expected = java.nio.ByteBuffer.allocate(19 + 14 + 10)
                .put("SLUICECK".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putShort((short) 1).putShort((short) 0).putShort((short) 1).put((byte) 't').putInt(headerCrc)
                .put((byte) 1).putInt(5).putInt(1).put((byte) 0x90).putInt(batchCrc)
                .put((byte) 2).putInt(1).put((byte) 'o').putInt(doneCrc);

        assertThat(b).isEqualTo(expected.array());
    }

    @Test
    void doneMarksWrittenAfterCloseAreReadBackWithTheChunk() throws IOException {
        Path file = dir.resolve("c.flb");
        List<Batch> batches = ChunkFixtures.batches(2, 5, 10, 100);
        ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.NORMAL);
        for (Batch b : batches) {
            w.append(b.bytes(), 0, b.bytes().length, b.records());
        }
        w.close();

        w.markDone("es.0");
        w.markDone("websocket.1");

        LoadedChunk c = ChunkLoader.load(file);
        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(c.doneOutputs()).containsExactly("es.0", "websocket.1");
        assertThat(events(c)).isEqualTo(concat(batches));
        assertThat(c.frames()).isEqualTo(7);
        assertThat(w.size()).isEqualTo(Files.size(file));
    }

    @Test
    void aDoneMarkWhileTheChunkIsOpenIsKeptAndLaterBatchesStillFollow() throws IOException {
        Path file = dir.resolve("c.flb");
        try (ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.NORMAL)) {
            w.append(new byte[] {1, 2}, 0, 2, 1);
            w.markDone("a");
            w.append(new byte[] {3}, 0, 1, 1);
        }

        LoadedChunk c = ChunkLoader.load(file);

        assertThat(c.doneOutputs()).containsExactly("a");
        assertThat(events(c)).containsExactly(1, 2, 3);
        assertThat(c.records()).isEqualTo(2);
    }

    @Test
    void aResumedChunkCutsItsTornTailBeforeTheFirstDoneMark() throws IOException {
        Path file = dir.resolve("c.flb");
        List<Batch> batches = ChunkFixtures.batches(3, 4, 10, 100);
        ChunkFixtures.write(file, "t", batches);
        Files.write(file, new byte[] {1, 0, 0, 0, 50, 9, 9}, StandardOpenOption.APPEND);
        LoadedChunk torn = ChunkLoader.load(file);
        assertThat(torn.damage().tornTailBytes()).isEqualTo(7);

        ChunkWriter w = ChunkWriter.resume(torn, SyncMode.NORMAL);
        w.markDone("out.0");

        LoadedChunk c = ChunkLoader.load(file);
        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(c.doneOutputs()).containsExactly("out.0");
        assertThat(events(c)).isEqualTo(concat(batches));
        assertThat(w.records()).isEqualTo(records(batches));
    }

    @Test
    void anUnreadableChunkCannotBeResumed() throws IOException {
        Path file = Files.write(dir.resolve("c.flb"), "garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        LoadedChunk c = ChunkLoader.load(file);

        assertThatThrownBy(() -> ChunkWriter.resume(c, SyncMode.NORMAL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendingAfterCloseIsRefused() throws IOException {
        ChunkWriter w = ChunkWriter.create(dir.resolve("c.flb"), "t", SyncMode.NORMAL);
        w.close();

        assertThatThrownBy(() -> w.append(new byte[1], 0, 1, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTagLongerThanTheHeaderHoldsIsRefusedAndNoFileIsLeft() {
        Path file = dir.resolve("c.flb");

        assertThatThrownBy(() -> ChunkWriter.create(file, "x".repeat(65_536), SyncMode.NORMAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
    }

    @Test
    void theLongestTagFits() throws IOException {
        Path file = dir.resolve("c.flb");
        ChunkWriter.create(file, "x".repeat(65_535), SyncMode.NORMAL).close();

        assertThat(ChunkHeaders.read(file).header().tag()).hasSize(65_535);
    }

    @Test
    void normalModeNeverForces() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        try (ChunkWriter w = ChunkWriter.create(dir.resolve("c.flb"), "t", SyncMode.NORMAL, disk)) {
            w.append(new byte[10], 0, 10, 1);
            w.markDone("o");
        }

        assertThat(disk.forces()).isZero();
        assertThat(disk.syncedDirectories()).isEmpty();
    }

    @Test
    void fullModeForcesTheHeaderAndEveryFrameAndSyncsTheDirectoryOnCreate() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        Path file = dir.resolve("c.flb");

        ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.FULL, disk);
        assertThat(disk.forces()).isEqualTo(1);
        assertThat(disk.syncedDirectories()).containsExactly(dir.toAbsolutePath());
        w.append(new byte[10], 0, 10, 1);
        w.append(new byte[10], 0, 10, 1);
        assertThat(disk.forces()).isEqualTo(3);
        w.close();
        w.markDone("o");
        assertThat(disk.forces()).isEqualTo(4);
    }

    @Test
    void diskFullAtAnyByteOfAFrameLeavesExactlyTheEarlierBatchesAndTheSameBatchCanBeAppendedAgain()
            throws IOException {
        List<Batch> batches = ChunkFixtures.batches(4, 3, 40, 40);
        Batch third = batches.get(2);
        int frameLength = 9 + 4 + third.bytes().length;
        for (int room = 0; room < frameLength; room++) {
            FaultyDisk disk = new FaultyDisk();
            Path file = dir.resolve("c" + room + ".flb");
            ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.NORMAL, disk);
            w.append(batches.get(0).bytes(), 0, 40, batches.get(0).records());
            w.append(batches.get(1).bytes(), 0, 40, batches.get(1).records());
            long before = w.size();
            disk.free(room);

            assertThatThrownBy(() -> w.append(third.bytes(), 0, 40, third.records()))
                    .as("room for %d bytes", room).isInstanceOf(IOException.class).hasMessage(FaultyDisk.NO_SPACE);
            assertThat(Files.size(file)).as("room for %d bytes", room).isEqualTo(before).isEqualTo(w.size());
            LoadedChunk failed = ChunkLoader.load(file);
            assertThat(failed.status()).isEqualTo(ChunkStatus.OK);
            assertThat(events(failed)).isEqualTo(concat(batches.subList(0, 2)));

            disk.clear();
            w.append(third.bytes(), 0, 40, third.records());
            w.close();
            LoadedChunk c = ChunkLoader.load(file);
            assertThat(c.status()).isEqualTo(ChunkStatus.OK);
            assertThat(events(c)).isEqualTo(concat(batches));
            assertThat(c.records()).isEqualTo(records(batches));
        }
    }

    @Test
    void aFailedForceInFullModeTakesTheFrameBackOut() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        Path file = dir.resolve("c.flb");
        ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.FULL, disk);
        w.append(new byte[] {1}, 0, 1, 1);
        disk.failForce(true);

        assertThatThrownBy(() -> w.append(new byte[] {2}, 0, 1, 1)).isInstanceOf(IOException.class);
        disk.clear();
        w.append(new byte[] {3}, 0, 1, 1);

        LoadedChunk c = ChunkLoader.load(file);
        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(events(c)).containsExactly(1, 3);
    }

    @Test
    void aFailedWriteThatCannotBeCutOffAtOnceIsCutBeforeTheNextWrite() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        Path file = dir.resolve("c.flb");
        ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.NORMAL, disk);
        w.append(new byte[] {1}, 0, 1, 1);
        disk.free(7).failTruncate(true);

        assertThatThrownBy(() -> w.append(new byte[20], 0, 20, 1)).isInstanceOf(IOException.class);
        assertThat(Files.size(file)).isEqualTo(w.size() + 7);
        assertThat(ChunkLoader.load(file).damage().tornTailBytes()).isEqualTo(7);
        disk.clear();
        w.append(new byte[] {2}, 0, 1, 1);
        w.close();

        LoadedChunk c = ChunkLoader.load(file);
        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(events(c)).containsExactly(1, 2);
    }

    @Test
    void aDoneMarkThatFailsOnAClosedChunkLeavesItLoadableAndCanBeRetried() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        Path file = dir.resolve("c.flb");
        ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.NORMAL, disk);
        w.append(new byte[] {1}, 0, 1, 1);
        w.close();
        disk.free(3);

        assertThatThrownBy(() -> w.markDone("output.0")).isInstanceOf(IOException.class);
        assertThat(ChunkLoader.load(file).status()).isEqualTo(ChunkStatus.OK);
        disk.clear();
        w.markDone("output.0");

        assertThat(ChunkLoader.load(file).doneOutputs()).containsExactly("output.0");
    }

    @Test
    void aHeaderThatDoesNotFitLeavesNoFileBehind() {
        FaultyDisk disk = new FaultyDisk().free(5);
        Path file = dir.resolve("c.flb");

        assertThatThrownBy(() -> ChunkWriter.create(file, "t", SyncMode.FULL, disk)).isInstanceOf(IOException.class)
                .hasMessage(FaultyDisk.NO_SPACE);
        assertThat(file).doesNotExist();
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path file = Files.write(dir.resolve("c.flb"), new byte[] {42});

        assertThatThrownBy(() -> ChunkWriter.create(file, "t", SyncMode.NORMAL))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(file)).containsExactly(42);
    }

    @Test
    void deleteRemovesTheFileAndInFullModeSyncsItsDirectory() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        Path file = dir.resolve("c.flb");
        ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.FULL, disk);
        w.append(new byte[] {1}, 0, 1, 1);

        w.delete();

        assertThat(file).doesNotExist();
        assertThat(disk.syncedDirectories()).containsExactly(dir.toAbsolutePath(), dir.toAbsolutePath());
    }

    @Test
    void newFilesAreReadableByTheirOwnerOnly() throws IOException {
        Path file = dir.resolve("c.flb");
        ChunkWriter.create(file, "t", SyncMode.NORMAL).close();

        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void anInterruptedWriteLeavesTheFileWholeAndTheNextAppendWorks() throws IOException {
        Path file = dir.resolve("c.flb");
        ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.NORMAL);
        w.append(new byte[] {1}, 0, 1, 1);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> w.append(new byte[] {2}, 0, 1, 1))
                    .isInstanceOf(java.nio.channels.ClosedByInterruptException.class);
        } finally {
            Thread.interrupted();
        }
        w.append(new byte[] {3}, 0, 1, 1);
        w.close();

        LoadedChunk c = ChunkLoader.load(file);
        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(events(c)).containsExactly(1, 3);
    }

    @Test
    void syncModesParseInAnyCase() {
        assertThat(SyncMode.parse("Normal")).isEqualTo(SyncMode.NORMAL);
        assertThat(SyncMode.parse("FULL")).isEqualTo(SyncMode.FULL);
        assertThatThrownBy(() -> SyncMode.parse("always")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid synchronization mode 'always'");
    }

    @Test
    void doneMarksFromAnotherThreadInterleaveWithAppendsWithoutTearingFrames() throws Exception {
        Path file = dir.resolve("c.flb");
        List<Batch> batches = ChunkFixtures.batches(5, 2000, 1, 200);
        ChunkWriter w = ChunkWriter.create(file, "t", SyncMode.NORMAL);
        Thread marker = new Thread(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    w.markDone("output." + i);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        marker.start();
        for (Batch b : batches) {
            w.append(b.bytes(), 0, b.bytes().length, b.records());
        }
        marker.join();
        w.close();

        LoadedChunk c = ChunkLoader.load(file);
        assertThat(c.status()).isEqualTo(ChunkStatus.OK);
        assertThat(events(c)).isEqualTo(concat(batches));
        assertThat(c.doneOutputs()).hasSize(200);
    }
}
