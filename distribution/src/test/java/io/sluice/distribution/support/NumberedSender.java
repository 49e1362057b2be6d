package io.sluice.distribution.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Records numbered by their sender ({@code "seq": N}, about 166 bytes each) into sluice's tcp input, so a receiver
 * counts loss and duplication exactly. Either a range written at once ({@link #send}), or a sender that writes
 * batches over ONE connection in the background ({@link #to}) — paced, held back by the receiver, or as fast as
 * sluice reads — while a second thread reads that connection: sluice never writes to it, so anything the read
 * returns (end of stream, a reset) means sluice closed or reset it.
 */
public final class NumberedSender implements AutoCloseable {

    private static final String PAD = "x".repeat(100);

    /** Blocks after a batch until the next may go, e.g. until the receiver has caught up with {@code sent}. */
    @FunctionalInterface
    public interface Room {
        void await(long sent) throws InterruptedException;
    }

    private final Socket socket;
    private final Builder plan;
    private final long tickNanos;
    private final Thread writer;
    private final Thread reader;
    private final AtomicLong longestWriteNanos = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<String> closedBySluice = new AtomicReference<>();
    /** The seq after the last record written in full, and after the batch being written. */
    private volatile long written;
    private volatile long attempted;
    private volatile boolean writing = true;
    private volatile boolean closing;

    private NumberedSender(Builder plan) throws IOException {
        this.plan = plan;
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(plan.tickMillis);
        this.written = plan.first;
        this.attempted = plan.first;
        socket = new Socket("127.0.0.1", plan.port);
        String name = plan.source == null ? "numbered" : plan.source;
        writer = new Thread(this::write, name + "-sender");
        writer.setDaemon(true);
        reader = new Thread(this::watch, name + "-sender-reader");
        reader.setDaemon(true);
    }

    /** One record, newline-terminated. */
    public static byte[] record(long seq) {
        return append(new StringBuilder(), null, seq).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Records {@code [from, to)} appended to {@code out}. */
    public static void write(OutputStream out, long from, long to) throws IOException {
        write(out, null, from, to);
    }

    /** Sends records {@code [from, to)} over one fresh connection to the tcp input on {@code port}, then closes it. */
    public static void send(int port, long from, long to) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
            write(out, from, to);
        }
    }

    /** A background sender to the tcp input on {@code port}: by default seqs from 0, 50 a batch, unpaced. */
    public static Builder to(int port) {
        return new Builder(port);
    }

    /** What a background sender sends, and how fast. */
    public static final class Builder {
        private final int port;
        private long first;
        private String source;
        private int perTick = 50;
        private long tickMillis;
        private long minimum;
        private Room room = sent -> { };

        private Builder(int port) {
            this.port = port;
        }

        /** The first seq. */
        public Builder from(long first) {
            this.first = first;
            return this;
        }

        /** Records carry {@code "src": name} in place of the two fixed keys, for a receiver counting per sender. */
        public Builder source(String name) {
            this.source = name;
            return this;
        }

        /** {@code perTick} records every {@code tickMillis} (a late tick is written at once, then the pace goes on). */
        public Builder pace(int perTick, long tickMillis) {
            this.perTick = perTick;
            this.tickMillis = tickMillis;
            return this;
        }

        /** Writes on until at least {@code minimum} records are sent, even when stopped earlier. */
        public Builder atLeast(long minimum) {
            this.minimum = minimum;
            return this;
        }

        /** After each batch, waits in {@code room}; what it throws ends the sending as its {@link #failure()}. */
        public Builder heldBack(Room room) {
            this.room = room;
            return this;
        }

        /** Connects and starts writing. */
        public NumberedSender start() throws IOException {
            NumberedSender sender = new NumberedSender(this);
            sender.reader.start();
            sender.writer.start();
            return sender;
        }
    }

    private void write() {
        long next = System.nanoTime();
        try {
            OutputStream out = socket.getOutputStream();
            while (writing || sent() < plan.minimum) {
                long from = written;
                attempted = from + plan.perTick;
                long started = System.nanoTime();
                write(out, plan.source, from, from + plan.perTick);
                longestWriteNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                written = from + plan.perTick;
                plan.room.await(sent());
                next += tickNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (IOException | InterruptedException | AssertionError e) {
            if (!closing) {
                failure.set(e);
            }
        }
    }

    private void watch() {
        try {
            InputStream in = socket.getInputStream();
            int n = in.read(new byte[256]);
            if (!closing) {
                closedBySluice.set(n < 0 ? "end of stream (sluice closed the connection)" : "sluice sent " + n
                        + " bytes");
            }
        } catch (IOException e) {
            if (!closing) {
                closedBySluice.set(e.toString());
            }
        }
    }

    /** The sender's name given with {@link Builder#source}, or null. */
    public String source() {
        return plan.source;
    }

    /** Records written in full so far: seqs {@code [first, first + sent)}. */
    public long sent() {
        return written - plan.first;
    }

    /** The most records the other end can have received: those written, and the batch being (or failed) written. */
    public long atMost() {
        return attempted - plan.first;
    }

    /** The longest time one batch took to write: long when sluice stopped reading (back-pressure). */
    public long longestWriteMillis() {
        return TimeUnit.NANOSECONDS.toMillis(longestWriteNanos.get());
    }

    /** What ended the writing (a failed write, or what the {@link Room} threw); null while none did. */
    public Throwable failure() {
        return failure.get();
    }

    /** What the reading side saw when sluice closed or reset the connection; null while it is open. */
    public String closedBySluice() {
        return closedBySluice.get();
    }

    /** Stops writing after the current batch (and the minimum); the connection stays open. Returns the records sent. */
    public long pause() throws InterruptedException {
        writing = false;
        writer.join(60_000);
        if (writer.isAlive()) {
            throw new AssertionError("the sender is still writing after 60 s, " + sent() + " records sent");
        }
        return sent();
    }

    /** {@link #pause()}, then closes the connection (a clean end of stream). Returns the records sent. */
    public long stop() throws InterruptedException {
        long sent = pause();
        closeSocket();
        return sent;
    }

    @Override
    public void close() {
        writing = false;
        closeSocket();
        writer.interrupt();
        try {
            writer.join(10_000);
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeSocket() {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void write(OutputStream out, String source, long from, long to) throws IOException {
        StringBuilder batch = new StringBuilder(80 * 1024);
        for (long i = from; i < to; i++) {
            append(batch, source, i);
            if (batch.length() > 64 * 1024) {
                out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                batch.setLength(0);
            }
        }
        out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static StringBuilder append(StringBuilder sb, String source, long seq) {
        sb.append('{');
        if (source == null) {
            sb.append("\"key 1\": 123456789, \"key 2\": \"abcdefg\", ");
        } else {
            sb.append("\"src\": \"").append(source).append("\", ");
        }
        return sb.append("\"seq\": ").append(seq).append(", \"msg\": \"").append(PAD).append("\"}\n");
    }
}
