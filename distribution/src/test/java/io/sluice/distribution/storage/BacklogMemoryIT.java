package io.sluice.distribution.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.storage.ChunkWriter;
import io.sluice.core.storage.SyncMode;
import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * A backlog larger than the heap the launcher gives sluice by default ({@code -Xmx96m}), with the default
 * {@code storage.backlog.mem_limit} (100M): the start-up check says the backlog will be read with what fits beside
 * the other buffers, so the process must stay up and deliver all of it. (A process that runs out of memory on its
 * backlog does so again at every restart: the records are never delivered.)
 */
class BacklogMemoryIT {

    private static final int FILES = 60;
    private static final int RECORDS_PER_FILE = 1_000;
    private static final int RECORD_BYTES = 1_900;

    @TempDir
    Path tmp;

    @Test
    void aBacklogLargerThanTheHeapIsDeliveredWithTheDefaultLimits() throws Exception {
        Path storage = tmp.resolve("storage");
        long records = writeBacklog(storage.resolve("tcp.0"));
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE)) {
            Path config = StoredSluice.config(storage, server.port()).writeTo(tmp.resolve("sluice.conf"));
            try (StoredSluice sluice = StoredSluice.start(config)) {
                try {
                    Awaitility.await("the whole backlog delivered").atMost(Duration.ofSeconds(120))
                            .pollInterval(Duration.ofMillis(500))
                            .failFast("sluice ended", () -> !sluice.process().isAlive())
                            .until(() -> delivered(sluice, records));
                } catch (org.awaitility.core.TerminalFailureException e) {
                    int status = sluice.process().waitForExit(Duration.ofSeconds(10));
                    throw new AssertionError("sluice ended (exit status " + status + "; 3 is the launcher's "
                            + "-XX:+ExitOnOutOfMemoryError) while replaying a backlog of " + records + " records in "
                            + FILES + " files\n" + sluice.process().tail(), e);
                }
                ReceivedRecords received = server.seqs("seq");
                System.out.printf("BACKLOG MEMORY: %d records in %d files, %s%n", records, FILES,
                        received.summary(0, records - 1));
                assertThat(received.missing(0, records - 1)).isEmpty();
                assertThat(sluice.stop()).isZero();
            }
        }
    }

    /** Whether the output has delivered {@code records}; false while the monitoring API does not answer. */
    private static boolean delivered(StoredSluice sluice, long records) {
        try {
            return sluice.output("proc_records") >= records;
        } catch (AssertionError unreachable) {
            return false;
        }
    }

    /** {@code FILES} chunk files of about 1.9 MB (a full chunk), written with core's writer; returns the records. */
    private static long writeBacklog(Path stream) throws IOException {
        Files.createDirectories(stream);
        String pad = "x".repeat(RECORD_BYTES);
        long second = System.currentTimeMillis() / 1000 - 60;
        long seq = 0;
        for (int f = 0; f < FILES; f++) {
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            for (int r = 0; r < RECORDS_PER_FILE; r++) {
                p.packArrayHeader(2);
                p.packArrayHeader(2);
                p.packLong(second);
                p.packMapHeader(0);
                p.packMapHeader(2);
                p.packString("seq");
                p.packLong(seq++);
                p.packString("msg");
                p.packString(pad);
            }
            byte[] events = p.toByteArray();
            Path file = stream.resolve(String.format("%d.%09d-%d-%d.chunk", second, f, 1, f + 1));
            try (ChunkWriter w = ChunkWriter.create(file, "numbered", SyncMode.NORMAL)) {
                w.append(events, 0, events.length, RECORDS_PER_FILE);
            }
        }
        return seq;
    }
}
