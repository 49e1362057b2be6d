package io.sluice.bench.storage;

import io.sluice.core.storage.ChunkWriter;
import io.sluice.core.storage.SyncMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes a backlog as a killed sluice would leave it: {@code files} chunk files in {@code <storage>/tcp.0/}, named as
 * sluice names them (creation time, pid, chunk number), each holding {@code records} Fluent Bit events
 * ({@code [[time, {}], {"seq": n, "msg": "xxx…"}]}) in one batch frame, written with core's {@link ChunkWriter}.
 */
final class BacklogFiles {

    /** Records and bytes written. */
    record Written(long records, long bytes) {
    }

    private BacklogFiles() {
    }

    static Written write(Path storage, String tag, int files, int records, int recordBytes) throws IOException {
        Path stream = Files.createDirectories(storage.resolve("tcp.0"));
        String pad = "x".repeat(Math.max(1, recordBytes - 40));
        long start = System.currentTimeMillis() / 1000 - 3600;
        long seq = 0;
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            for (int r = 0; r < records; r++) {
                p.packArrayHeader(2);
                p.packArrayHeader(2);
                p.packExtensionTypeHeader((byte) 0, 8);
                p.writePayload(new byte[] {(byte) (start >>> 24), (byte) (start >>> 16), (byte) (start >>> 8),
                        (byte) start, 0, 0, 0, (byte) f});
                p.packMapHeader(0);
                p.packMapHeader(2);
                p.packString("seq");
                p.packLong(seq++);
                p.packString("msg");
                p.packString(pad);
            }
            byte[] events = p.toByteArray();
            Path file = stream.resolve(String.format("%d.%09d-%d-%d.chunk", start, f * 1000L, 1, f + 1));
            try (ChunkWriter w = ChunkWriter.create(file, tag, SyncMode.NORMAL)) {
                w.append(events, 0, events.length, records);
                bytes += w.size();
            }
        }
        return new Written(seq, bytes);
    }
}
