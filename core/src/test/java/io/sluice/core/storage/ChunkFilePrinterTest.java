package io.sluice.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.support.event.EventBuffer;
import io.sluice.support.event.EventTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkFilePrinterTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aChunkPrintsAsADescriptionThenOneJsonLinePerEvent() throws IOException {
        Path file = dir.resolve("1-1.000000001.flb");
        try (ChunkWriter w = ChunkWriter.create(file, "app.log", SyncMode.NORMAL)) {
            byte[] first = events(0, 2);
            byte[] second = events(2, 1);
            w.append(first, 0, first.length, 2);
            w.append(second, 0, second.length, 1);
            w.markDone("stdout.0");
        }

        int status = print(file);

        assertThat(status).isZero();
        assertThat(lines()).containsExactly(
                "{\"file\":\"" + file + "\",\"format\":\"sluice chunk\",\"status\":\"ok\",\"version\":1,"
                        + "\"tag\":\"app.log\",\"frames\":3,\"batches\":2,\"records\":3,\"outputs_done\":[\"stdout.0\"],"
                        + "\"valid_bytes\":" + Files.size(file) + ",\"bytes\":" + Files.size(file)
                        + ",\"problems\":\"none\"}",
                "{\"tag\":\"app.log\",\"time\":1700000000.000000005,\"metadata\":{},"
                        + "\"body\":{\"n\":0,\"msg\":\"héllo \\\"0\\\"\",\"ok\":true,\"x\":null}}",
                "{\"tag\":\"app.log\",\"time\":1700000001.000000005,\"metadata\":{},"
                        + "\"body\":{\"n\":1,\"msg\":\"héllo \\\"1\\\"\",\"ok\":true,\"x\":null}}",
                "{\"tag\":\"app.log\",\"time\":1700000002.000000005,\"metadata\":{\"k\":[1,2.5]},"
                        + "\"body\":{\"n\":2,\"msg\":\"héllo \\\"2\\\"\",\"ok\":true,\"x\":null}}");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aDamagedChunkPrintsItsRecoverableEventsThenWhatWasLost() throws IOException {
        Path file = dir.resolve("c.flb");
        long secondFrame = 0;
        try (ChunkWriter w = ChunkWriter.create(file, "app.log", SyncMode.NORMAL)) {
            for (int i = 0; i < 3; i++) {
                if (i == 1) {
                    secondFrame = w.size();
                }
                byte[] batch = events(i, 1);
                w.append(batch, 0, batch.length, 1);
            }
        }
        byte[] b = Files.readAllBytes(file);
        b[(int) secondFrame + 12] ^= 0x55;
        Files.write(file, Arrays.copyOf(b, b.length - 3));

        int status = print(file);

        List<String> lines = lines();
        assertThat(status).isEqualTo(ChunkFilePrinter.DAMAGED);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"status\":\"damaged\"").contains("\"records\":1")
                .contains("\"problems\":\"1 corrupt frame (");
        assertThat(lines.get(1)).contains("\"n\":0");
        assertThat(lines.get(2)).startsWith("{\"file\":\"" + file + "\",\"damage\":\"1 corrupt frame (")
                .contains("torn tail of ");
    }

    @Test
    void aDeadLetterFilePrintsItsEventsUnderTheTagInItsName() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("rejected/websocket.0"));
        Path file = Files.write(folder.resolve("app.log-1700000000123-42.msgpack"), events(0, 2));

        int status = print(file);

        assertThat(status).isZero();
        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).isEqualTo("{\"file\":\"" + file + "\",\"format\":\"msgpack events (dead letter)\","
                + "\"tag\":\"app.log\",\"output\":\"websocket.0\",\"bytes\":" + Files.size(file) + "}");
        assertThat(lines().get(2)).startsWith("{\"tag\":\"app.log\",\"time\":1700000001.000000005,");
    }

    @Test
    void aTruncatedDeadLetterPrintsTheWholeEventsThenWhereDecodingStopped() throws IOException {
        byte[] two = events(0, 2);
        int firstLength = events(0, 1).length;
        Path file = Files.write(dir.resolve("t-1-2.msgpack"), Arrays.copyOf(two, two.length - 5));

        int status = print(file);

        assertThat(status).isEqualTo(ChunkFilePrinter.DAMAGED);
        assertThat(lines()).hasSize(3);
        assertThat(lines().get(1)).contains("\"n\":0");
        assertThat(lines().get(2)).startsWith("{\"file\":\"" + file + "\",\"damage\":\"bytes " + firstLength + " to "
                + (two.length - 5) + " (" + (two.length - 5 - firstLength) + " bytes) are not msgpack events, after 1 events");
    }

    @Test
    void anUnreadableFileIsDescribedAndTheOtherFilesStillPrint() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.flb"), "garbage");
        Path missing = dir.resolve("missing.flb");
        Path good = dir.resolve("good.flb");
        try (ChunkWriter w = ChunkWriter.create(good, "t", SyncMode.NORMAL)) {
            byte[] batch = events(0, 1);
            w.append(batch, 0, batch.length, 1);
        }

        int status = ChunkFilePrinter.print(List.of(bad, missing, good), stream(out), stream(err));

        assertThat(status).isEqualTo(ChunkFilePrinter.DAMAGED);
        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).contains("\"status\":\"unreadable\"").contains("not a sluice chunk file");
        assertThat(lines().get(1)).contains("good.flb").contains("\"status\":\"ok\"");
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(missing + ": ");
    }

    @Test
    void aValueThatIsNotAnEventIsSkippedAndReported() throws IOException {
        byte[] event = events(0, 1);
        byte[] data = new byte[event.length + 1 + event.length];
        System.arraycopy(event, 0, data, 0, event.length);
        data[event.length] = 0x2a; // the integer 42: msgpack, but not an event
        System.arraycopy(event, 0, data, event.length + 1, event.length);
        Path file = Files.write(dir.resolve("x.msgpack"), data);

        print(file);

        assertThat(lines()).hasSize(4);
        assertThat(lines().get(3)).contains("\"damage\":\"value at byte " + event.length + " (1 bytes) is not a "
                + "printable event");
    }

    @Test
    void noFilesIsAUsageError() {
        assertThat(ChunkFilePrinter.print(List.of(), stream(out), stream(err))).isEqualTo(ChunkFilePrinter.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage:");
    }

    private int print(Path file) {
        return ChunkFilePrinter.print(List.of(file), stream(out), stream(err));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static PrintStream stream(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    /** {@code count} events numbered from {@code first}; event 2 has metadata. */
    private static byte[] events(int first, int count) {
        EventBuffer buffer = new EventBuffer(256);
        for (int n = first; n < first + count; n++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("n", n);
            body.put("msg", "héllo \"" + n + "\"");
            body.put("ok", true);
            body.put("x", null);
            Map<String, Object> meta = n == 2 ? Map.of("k", List.of(1, 2.5)) : Map.of();
            buffer.writeEvent(new EventTime(1_700_000_000L + n, 5), meta, body);
        }
        return buffer.toByteArray();
    }
}
