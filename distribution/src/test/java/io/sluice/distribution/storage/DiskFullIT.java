package io.sluice.distribution.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.NumberedSender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: {@code storage.path} on a 512 KB tmpfs (mounted for the test; skipped where this process may not
 * mount one), the server down, records flowing. When a chunk write fails for lack of space, the input stops taking
 * records (the sender's writes wait in TCP) with one error line; once the server is back and delivered chunks free
 * the space, it writes again by itself, and every record the sender wrote arrives.
 */
class DiskFullIT {

    @TempDir
    Path tmp;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", "-l", mounted.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private boolean mountSmallDisk(Path dir) throws Exception {
        Files.createDirectories(dir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        mount.getInputStream().readAllBytes();
        if (!mount.waitFor(30, TimeUnit.SECONDS) || mount.exitValue() != 0) {
            return false;
        }
        mounted = dir;
        return true;
    }

    @Test
    void aFullDiskPausesTheInputAndNothingIsLostWhenSpaceComesBack() throws Exception {
        Path storage = tmp.resolve("small");
        assumeTrue(mountSmallDisk(storage), "this process cannot mount a tmpfs");
        try (FakeWebSocketServer server = FakeWebSocketServer.startWith(FailureMode.NONE)) {
            server.stop();
            Path config = StoredSluice.config(storage, server.port()).unlimitedRetries()
                    .writeTo(tmp.resolve("sluice.conf"));
            try (StoredSluice sluice = StoredSluice.start(config)) {
                long sent;
                try (NumberedSender sender = NumberedSender.to(sluice.tcpPort()).pace(20, 10).start()) {
                    String full = sluice.process().awaitLog(l -> l.contains("cannot write its chunks"),
                            Duration.ofSeconds(60));
                    assertThat(full).contains("No space left on device");
                    long countedWhenFull = sluice.counted();

                    server.start();
                    sluice.process().awaitLog(l -> l.contains("writes its chunks again"), Duration.ofSeconds(60));
                    Awaitility.await("more records taken in after the disk had room")
                            .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                            .until(sluice::counted, n -> n > countedWhenFull);
                    sent = sender.stop();
                }
                ReceivedRecords received = Awaitility.await("every record the sender wrote")
                        .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> server.seqs("seq"), r -> r.containsAll(0, sent - 1));
                System.out.printf("DISK FULL: %s; %d error lines%n", received.summary(0, sent - 1),
                        sluice.process().logLinesWith("cannot write its chunks").size());
                assertThat(received.missing(0, sent - 1)).isEmpty();
                assertThat(sluice.output("dropped_records")).isZero();
                // space may run out more than once while the backlog drains; each outage is one error, ended by one
                // "again" line, never a line per failed write
                assertThat(sluice.process().logLinesWith("cannot write its chunks")).as("one error per outage")
                        .hasSameSizeAs(sluice.process().logLinesWith("writes its chunks again"));
                assertThat(sluice.stop()).isZero();
            }
        }
    }
}
