package io.sluice.bench.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Start-up with a large backlog: {@code FILES} small chunk files (default 10,000 of 10 records of about 200 bytes)
 * under {@code storage.path}, then the real launcher on tcp (port 0, {@code storage.type filesystem}) → websocket (a
 * counting server in this process). Measured: milliseconds from launch to the tcp input's "listening on" line
 * (target: within 2 s), resident memory then, when the backlog was listed (on its own thread, while the inputs
 * already run), the peak while the backlog is replayed, and the time until every record of the backlog has arrived
 * and every file is gone. The same launch on an empty storage folder first, for a baseline.
 *
 * <p>Usage: {@code BacklogStartBench [FILES [RECORDS_PER_FILE [RECORD_BYTES]]]}; {@code -Dsluice.dist=DIR} is the
 * distribution folder (default {@code ../../distribution/target/sluice}); {@code -Dbench.keep=true} keeps the
 * working folder; {@code -Dbench.verbose=true} prints sluice's log up to the "listening on" line.
 */
public final class BacklogStartBench {

    private static final double TARGET_LISTEN_MILLIS = 2_000;

    private BacklogStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int recordBytes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dist = Path.of(System.getProperty("sluice.dist", "../../distribution/target/sluice")).toAbsolutePath()
                .normalize();
        if (!Files.isExecutable(dist.resolve("bin/sluice"))) {
            throw new IllegalArgumentException("no distribution at " + dist + " (build it, or set -Dsluice.dist)");
        }
        Path work = Files.createTempDirectory("sluice-backlog-bench");
        try (CountingServer server = CountingServer.startNow()) {
            System.out.printf(Locale.ROOT, "sluice backlog start-up: %s%n", dist);

            Path empty = work.resolve("empty");
            Files.createDirectories(empty);
            try (Launch run = Launch.start(dist, config(work, "baseline.conf", empty, server.getPort()))) {
                double listen = run.awaitListening(60);
                System.out.printf(Locale.ROOT, "  no backlog:      tcp input listening %6.0f ms after launch, "
                        + "RSS %d MB%n", listen, run.rssKb() / 1024);
                run.stop();
            }

            Path storage = work.resolve("storage");
            long t0 = System.nanoTime();
            BacklogFiles.Written backlog = BacklogFiles.write(storage, "bench", files, records, recordBytes);
            System.out.printf(Locale.ROOT, "  backlog:         %d files, %d records, %.1f MB, written in %.1f s%n",
                    files, backlog.records(), backlog.bytes() / 1e6, (System.nanoTime() - t0) / 1e9);
            long before = server.records();
            try (Launch run = Launch.start(dist, config(work, "backlog.conf", storage, server.getPort()))) {
                double listen = run.awaitListening(120);
                long rssAtListen = run.rssKb();
                if (Boolean.getBoolean("bench.verbose")) {
                    run.tail().forEach(l -> System.out.println("    " + l));
                }
                long peak = rssAtListen;
                double delivered = -1;
                double gone = -1;
                Path stream = storage.resolve("tcp.0");
                long deadline = System.nanoTime() + 600_000_000_000L;
                while (System.nanoTime() < deadline && run.isAlive()) {
                    peak = Math.max(peak, run.rssKb());
                    if (delivered < 0 && server.records() - before >= backlog.records()) {
                        delivered = run.sinceLaunchMillis();
                    }
                    if (delivered >= 0 && countFiles(stream) == 0) {
                        gone = run.sinceLaunchMillis();
                        break;
                    }
                    Thread.sleep(20);
                }
                long rssAfter = run.rssKb();
                boolean alive = run.isAlive();
                System.out.printf(Locale.ROOT, "  with the backlog: tcp input listening %6.0f ms after launch, "
                        + "RSS %d MB  [target: listening within %.0f ms: %s]%n", listen, rssAtListen / 1024,
                        TARGET_LISTEN_MILLIS, listen <= TARGET_LISTEN_MILLIS ? "met" : "MISSED");
                double listed = run.listedMillis();
                if (listed >= 0) {
                    System.out.printf(Locale.ROOT, "  backlog listed   %6.0f ms after launch (%.0f ms %s the tcp input"
                            + " listened): %d chunk files%n", listed, Math.abs(listed - listen),
                            listed >= listen ? "after" : "before", run.listedFiles());
                } else {
                    System.out.println("  backlog never listed (no 'backlog: N chunk files' line)");
                }
                if (delivered < 0 || gone < 0) {
                    System.out.printf(Locale.ROOT, "  backlog NOT delivered: %d of %d records arrived, process %s%n",
                            server.records() - before, backlog.records(), alive ? "alive" : "ENDED");
                    run.tail().forEach(l -> System.out.println("    " + l));
                } else {
                    System.out.printf(Locale.ROOT, "  whole backlog delivered %.1f s after launch (%.0f records/s), "
                            + "every file deleted after %.1f s; RSS peak %d MB, %d MB after%n", delivered / 1e3,
                            backlog.records() / ((delivered - listen) / 1e3), gone / 1e3, peak / 1024,
                            rssAfter / 1024);
                }
                System.out.printf(Locale.ROOT, "  records received %d (duplicates possible: at-least-once)%n",
                        server.records() - before);
                run.stop();
            }
        } finally {
            if (!Boolean.getBoolean("bench.keep")) {
                delete(work);
            } else {
                System.out.println("  kept " + work);
            }
        }
    }

    private static Path config(Path work, String name, Path storage, int wsPort) throws IOException {
        return Files.writeString(work.resolve(name), String.join("\n",
                "[SERVICE]",
                "    Flush 1",
                "    Grace 5",
                "    Log_Level info",
                "    storage.path " + storage,
                "[INPUT]",
                "    Name tcp",
                "    Listen 127.0.0.1",
                "    Port 0",
                "    Tag bench",
                "    storage.type filesystem",
                "[OUTPUT]",
                "    Name websocket",
                "    Match *",
                "    Host 127.0.0.1",
                "    Port " + wsPort,
                "    URI /ingest",
                "    Format json_lines",
                "    Retry_Limit no_limits",
                ""));
    }

    private static long countFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
