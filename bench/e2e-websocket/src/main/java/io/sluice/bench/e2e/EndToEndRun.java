package io.sluice.bench.e2e;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run: receiver up, the forwarder started, every record sent over one TCP connection, wait for every seq,
 * figures taken, the forwarder stopped with SIGTERM. Everything it starts is stopped even on failure.
 */
final class EndToEndRun {

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long DUPLICATE_GRACE_MILLIS = 1_000;
    private static final long READY_TIMEOUT_MILLIS = 30_000;

    private final Path workDir;
    private final byte[] payload;
    private final int records;
    private final byte[] warmup;
    private final int warmupRecords;

    /**
     * {@code warmup} holds {@code warmupRecords} records with seqs from {@code records} on, sent first on the same
     * connection and waited for, so that the measured records run on compiled code; empty for a cold run.
     */
    EndToEndRun(Path workDir, byte[] payload, int records, byte[] warmup, int warmupRecords) {
        this.workDir = workDir;
        this.payload = payload;
        this.records = records;
        this.warmup = warmup;
        this.warmupRecords = warmupRecords;
    }

    RunResult run(Forwarder forwarder, Combination combination, int attempt) throws Exception {
        SeqLedger ledger = new SeqLedger(records);
        SeqReceiver receiver = new SeqReceiver(ledger);
        String name = forwarder.name() + "-" + combination.label() + "-" + attempt;
        double loadBefore = ProcStats.load();
        try {
            int receiverPort = receiver.startAndAwait();
            try (ForwarderProcess process = forwarder.start(combination, receiverPort, workDir, name)) {
                ForwarderProcess.Ready ready = process.awaitReady(READY_TIMEOUT_MILLIS);
                return measure(forwarder, combination, process, ready, ledger, receiver, loadBefore);
            }
        } finally {
            receiver.stop(1_000);
        }
    }

    /** Starts the forwarder, waits until it is ready, stops it: the start-up figures alone. */
    ForwarderProcess.Ready startOnly(Forwarder forwarder, Combination combination, int attempt) throws Exception {
        SeqReceiver receiver = new SeqReceiver(new SeqLedger(1));
        try {
            int receiverPort = receiver.startAndAwait();
            try (ForwarderProcess process = forwarder.start(combination, receiverPort, workDir,
                    forwarder.name() + "-startup-" + combination.format() + "-" + attempt)) {
                ForwarderProcess.Ready ready = process.awaitReady(READY_TIMEOUT_MILLIS);
                Thread.sleep(300);   // let it settle before SIGTERM, as a real start would
                return ready;
            }
        } finally {
            receiver.stop(1_000);
        }
    }

    /**
     * A run whose only purpose is to be recorded by the launcher's JVM cache: the first {@code count} records
     * through both formats (see {@link Combination#primingConfig}), waited for, then SIGTERM.
     */
    void prime(Forwarder.Sluice sluice, Combination combination, int atMost) throws Exception {
        int count = Math.min(atMost, records);
        SeqLedger ledger = new SeqLedger(count);
        SeqReceiver receiver = new SeqReceiver(ledger);
        try {
            int receiverPort = receiver.startAndAwait();
            try (ForwarderProcess process = sluice.forPriming().start(combination, receiverPort, workDir,
                    "sluice-jvm-cache-priming");
                 SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1",
                         process.awaitReady(READY_TIMEOUT_MILLIS).tcpPort()))) {
                writeAll(channel, Arrays.copyOf(payload, Records.tcpLength(payload, count)));
                long sent = System.nanoTime();
                if (!ledger.awaitComplete(sent + DEADLINE_NANOS, STALL_NANOS, sent)) {
                    throw new IllegalStateException("the priming run did not deliver; see " + process.log());
                }
                Thread.sleep(2_500);   // the launcher keeps only recordings of runs of 2 s or more
            }
        } finally {
            receiver.stop(1_000);
        }
    }

    private RunResult measure(Forwarder forwarder, Combination combination, ForwarderProcess process,
                              ForwarderProcess.Ready ready, SeqLedger ledger, SeqReceiver receiver,
                              double loadBefore) throws Exception {
        ProcStats before;
        Map<String, Long> threadsBefore;
        long ownBefore;
        long firstByte;
        long lastSent;
        boolean complete;
        ProcStats after;
        long ownAfter;
        Map<String, Long> threadsAfter;
        long storedFiles;
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", ready.tcpPort()))) {
            if (warmupRecords > 0) {
                writeAll(channel, warmup);
                if (!ledger.awaitOutOfRange(warmupRecords, System.nanoTime() + DEADLINE_NANOS)) {
                    throw new IllegalStateException("warm-up records did not all arrive; see " + process.log());
                }
            }
            before = ProcStats.of(process.pid());
            threadsBefore = ThreadCpu.snapshot(process.pid());
            ownBefore = ProcStats.ownCpuTicks();
            firstByte = System.nanoTime();
            writeAll(channel, payload);
            lastSent = System.nanoTime();
            complete = ledger.awaitComplete(firstByte + DEADLINE_NANOS, STALL_NANOS, lastSent);
            after = ProcStats.of(process.pid());
            threadsAfter = ThreadCpu.snapshot(process.pid());
            ownAfter = ProcStats.ownCpuTicks();
            Thread.sleep(DUPLICATE_GRACE_MILLIS);
            storedFiles = process.storedFiles();
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
        if (storedFiles > 0) {
            append(note, storedFiles + " files still in storage.path " + DUPLICATE_GRACE_MILLIS + " ms after"
                    + " delivery");
        }
        if (!process.alive()) {
            append(note, forwarder.name() + " died");
        }
        return new RunResult(forwarder.name(), combination, records, received, ledger.lost(), ledger.duplicates(),
                received > 0 ? received / seconds : 0, cpuSeconds * 1_000_000.0 / records,
                after.cpuTicks() / 100.0, (ownAfter - ownBefore) / 100.0 * 1_000_000.0 / records,
                ready.startMillis(), ready.rssMb(), after.peakRssKb() / 1024.0,
                received > 0 ? (lastReceived - lastSent) / 1e6 : -1, loadBefore, ProcStats.load(), process.log(),
                note.toString(), ThreadCpu.busiest(threadsBefore, threadsAfter, 6));
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
