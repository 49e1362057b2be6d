package io.sluice.bench.e2e;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run: receiver up, sluice started from the distribution, every record sent over one TCP connection, wait
 * for every seq, figures taken, sluice stopped with SIGTERM. Everything it starts is stopped even on failure.
 */
final class EndToEndRun {

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long DUPLICATE_GRACE_MILLIS = 1_000;

    private final Path home;
    private final Path workDir;
    private final byte[] payload;
    private final int records;
    private final byte[] warmup;
    private final int warmupRecords;

    /**
     * {@code warmup} holds {@code warmupRecords} records with seqs from {@code records} on, sent first on the same
     * connection and waited for, so that the measured records run on compiled code; empty for a cold run.
     */
    EndToEndRun(Path home, Path workDir, byte[] payload, int records, byte[] warmup, int warmupRecords) {
        this.home = home;
        this.workDir = workDir;
        this.payload = payload;
        this.records = records;
        this.warmup = warmup;
        this.warmupRecords = warmupRecords;
    }

    RunResult run(Combination combination, int attempt) throws Exception {
        SeqLedger ledger = new SeqLedger(records);
        SeqReceiver receiver = new SeqReceiver(ledger);
        String name = combination.label() + "-" + attempt;
        Path config = workDir.resolve(name + ".conf");
        Path log = workDir.resolve(name + ".log");
        Files.deleteIfExists(log);
        double loadBefore = ProcStats.load();
        try {
            int receiverPort = receiver.startAndAwait();
            Files.writeString(config, combination.config(receiverPort));
            try (SluiceProcess sluice = SluiceProcess.start(home, config, log)) {
                int tcpPort = sluice.awaitListening(30_000);
                return measure(combination, sluice, tcpPort, ledger, receiver, loadBefore);
            }
        } finally {
            receiver.stop(1_000);
        }
    }

    private RunResult measure(Combination combination, SluiceProcess sluice, int tcpPort, SeqLedger ledger,
                              SeqReceiver receiver, double loadBefore) throws Exception {
        ProcStats before;
        Map<String, Long> threadsBefore;
        long ownBefore;
        long firstByte;
        long lastSent;
        boolean complete;
        ProcStats after;
        long ownAfter;
        Map<String, Long> threadsAfter;
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", tcpPort))) {
            if (warmupRecords > 0) {
                writeAll(channel, warmup);
                if (!ledger.awaitOutOfRange(warmupRecords, System.nanoTime() + DEADLINE_NANOS)) {
                    throw new IllegalStateException("warm-up records did not all arrive; see " + sluice.log());
                }
            }
            before = ProcStats.of(sluice.pid());
            threadsBefore = ThreadCpu.snapshot(sluice.pid());
            ownBefore = ProcStats.ownCpuTicks();
            firstByte = System.nanoTime();
            writeAll(channel, payload);
            lastSent = System.nanoTime();
            complete = ledger.awaitComplete(firstByte + DEADLINE_NANOS, STALL_NANOS, lastSent);
            after = ProcStats.of(sluice.pid());
            threadsAfter = ThreadCpu.snapshot(sluice.pid());
            ownAfter = ProcStats.ownCpuTicks();
            Thread.sleep(DUPLICATE_GRACE_MILLIS);
        }
        long lastReceived = ledger.lastRecordNanos();
        long received = ledger.distinct();
        double seconds = (lastReceived - firstByte) / 1e9;
        double cpuSeconds = (after.cpuTicks() - before.cpuTicks()) / 100.0;
        StringBuilder note = new StringBuilder();
        if (!complete) {
            note.append("incomplete after ").append((System.nanoTime() - firstByte) / 1_000_000_000).append(" s");
        }
        if (ledger.outOfRange() != warmupRecords) {
            append(note, (ledger.outOfRange() - warmupRecords) + " seqs out of range beyond the warm-up");
        }
        if (receiver.errors() > 0) {
            append(note, receiver.errors() + " receiver errors, first: " + receiver.firstError());
        }
        if (receiver.connectionsOpened() != 1) {
            append(note, receiver.connectionsOpened() + " WebSocket connections");
        }
        if (!sluice.alive()) {
            append(note, "sluice died");
        }
        return new RunResult(combination, records, received, ledger.lost(), ledger.duplicates(),
                received > 0 ? received / seconds : 0, cpuSeconds * 1_000_000.0 / records,
                (ownAfter - ownBefore) / 100.0 * 1_000_000.0 / records,
                after.peakRssKb() / 1024.0, received > 0 ? (lastReceived - lastSent) / 1e6 : -1, loadBefore,
                ProcStats.load(), sluice.log(), note.toString(), ThreadCpu.busiest(threadsBefore, threadsAfter, 6));
    }

    private static void writeAll(SocketChannel channel, byte[] bytes) throws java.io.IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void append(StringBuilder note, String text) {
        if (note.length() > 0) {
            note.append("; ");
        }
        note.append(text);
    }
}
