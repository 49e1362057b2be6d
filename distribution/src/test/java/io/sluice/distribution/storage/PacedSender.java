package io.sluice.distribution.storage;

import io.sluice.distribution.support.NumberedRecords;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One connection to the tcp input sending numbered records from {@code first} on, {@code perTick} every
 * {@code tickMillis}, until it is closed or the connection fails (the process at the other end was killed). Records
 * are numbered consecutively, so the input counting {@code n} records of this connection means it counted
 * {@code [first, first + n)}.
 */
final class PacedSender implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final long first;
    private final int perTick;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "paced-sender");
        t.setDaemon(true);
        return t;
    });
    private volatile long next;
    private volatile boolean attempting;
    private volatile IOException failure;

    private PacedSender(Socket socket, long first, int perTick) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.first = first;
        this.perTick = perTick;
        this.next = first;
    }

    /** Connects to 127.0.0.1:{@code port} and starts sending. */
    static PacedSender start(int port, long first, int perTick, long tickMillis) throws IOException {
        PacedSender sender = new PacedSender(new Socket("127.0.0.1", port), first, perTick);
        sender.ticker.scheduleAtFixedRate(sender::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
        return sender;
    }

    private void tick() {
        if (failure != null) {
            return;
        }
        long from = next;
        try {
            attempting = true;
            NumberedRecords.write(out, from, from + perTick);
            next = from + perTick;
        } catch (IOException e) {
            failure = e;
            ticker.shutdown();
        } finally {
            attempting = false;
        }
    }

    /** The first sequence number of this connection. */
    long first() {
        return first;
    }

    /** Records written in full so far. */
    long written() {
        return next - first;
    }

    /** The most records the other end can have received: those written, and the batch being written. */
    long atMost() {
        return written() + (attempting || failure != null ? perTick : 0);
    }

    /** The connection's failure, or {@code null}. */
    IOException failure() {
        return failure;
    }

    /** Stops sending and closes the connection (a clean end of stream); returns the records written in full. */
    long stop() throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing only
        }
        return written();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
