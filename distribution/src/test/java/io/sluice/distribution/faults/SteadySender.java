package io.sluice.distribution.faults;

import io.sluice.distribution.support.NumberedRecords;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady stream of numbered records over one TCP connection: {@code perTick} records every {@code tickMillis},
 * starting at seq 0, until {@link #stop()}. Counts the records whose write returned (accepted by sluice's socket),
 * and remembers a write failure (a disconnect) instead of hiding it.
 */
final class SteadySender implements AutoCloseable {

    private final Socket socket;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong longestWriteNanos = new AtomicLong();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private SteadySender(int port, int perTick, long tickMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        thread = new Thread(() -> run(perTick, TimeUnit.MILLISECONDS.toNanos(tickMillis)), "steady-sender");
        thread.setDaemon(true);
    }

    /** Starts sending to the tcp input on {@code port}. */
    static SteadySender start(int port, int perTick, long tickMillis) throws IOException {
        SteadySender sender = new SteadySender(port, perTick, tickMillis);
        sender.thread.start();
        return sender;
    }

    private void run(int perTick, long tickNanos) {
        long next = System.nanoTime();
        try {
            OutputStream out = socket.getOutputStream();
            while (running) {
                long seq = sent.get();
                long started = System.nanoTime();
                NumberedRecords.write(out, seq, seq + perTick);
                longestWriteNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                sent.addAndGet(perTick);
                next += tickNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (IOException e) {
            if (running) {
                failure.set(e);
            }
        }
    }

    /** Records written so far; seqs {@code [0, sent)}. */
    long sent() {
        return sent.get();
    }

    /** The longest time one write of a tick's records took: long when sluice stopped reading (back-pressure). */
    long longestWriteMillis() {
        return TimeUnit.NANOSECONDS.toMillis(longestWriteNanos.get());
    }

    /** The write failure, if sluice dropped the connection; null otherwise. */
    IOException failure() {
        return failure.get();
    }

    /** Stops after the current tick and closes the connection; returns the records sent, seqs {@code [0, n)}. */
    long stop() throws InterruptedException {
        running = false;
        thread.join(60_000);
        if (thread.isAlive()) {
            throw new AssertionError("the sender is still blocked in a write after 60 s");
        }
        closeSocket();
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        closeSocket();
        thread.join(10_000);
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a dead socket: nothing more to do
        }
    }
}
