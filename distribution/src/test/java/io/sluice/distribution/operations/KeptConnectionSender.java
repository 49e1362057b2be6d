package io.sluice.distribution.operations;

import io.sluice.distribution.support.NumberedRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Numbered records ({@code "seq": 0, 1, ...}) written steadily over ONE TCP connection, {@code perTick} every
 * {@code tickMillis}, with a second thread reading the connection: sluice never writes to it, so anything that read
 * returns (end of stream, a reset) means sluice closed or reset the connection. {@link #pause()} stops writing and
 * keeps the connection open, so a test can still see later whether sluice closes it.
 */
final class KeptConnectionSender implements AutoCloseable {

    private final Socket socket;
    private final Thread writer;
    private final Thread reader;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<String> writeFailure = new AtomicReference<>();
    private final AtomicReference<String> closedBySluice = new AtomicReference<>();
    private volatile boolean writing = true;
    private volatile boolean closing;

    private KeptConnectionSender(int port, int perTick, long tickMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        writer = new Thread(() -> write(perTick, TimeUnit.MILLISECONDS.toNanos(tickMillis)), "kept-sender");
        writer.setDaemon(true);
        reader = new Thread(this::read, "kept-sender-reader");
        reader.setDaemon(true);
    }

    static KeptConnectionSender start(int port, int perTick, long tickMillis) throws IOException {
        KeptConnectionSender s = new KeptConnectionSender(port, perTick, tickMillis);
        s.reader.start();
        s.writer.start();
        return s;
    }

    private void write(int perTick, long tickNanos) {
        long next = System.nanoTime();
        try {
            OutputStream out = socket.getOutputStream();
            while (writing) {
                long seq = sent.get();
                NumberedRecords.write(out, seq, seq + perTick);
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
            if (!closing) {
                writeFailure.set(e.toString());
            }
        }
    }

    private void read() {
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[256];
            int n = in.read(buf);
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

    /** Records written so far: seqs {@code [0, sent)}. */
    long sent() {
        return sent.get();
    }

    /** Stops writing after the current tick; the connection stays open. Returns the records written. */
    long pause() throws InterruptedException {
        writing = false;
        writer.join(60_000);
        if (writer.isAlive()) {
            throw new AssertionError("the sender is still blocked in a write after 60 s");
        }
        return sent.get();
    }

    /** The write error, if a write failed; null otherwise. */
    String writeFailure() {
        return writeFailure.get();
    }

    /** What the reading side saw when sluice closed or reset the connection; null while it is open. */
    String closedBySluice() {
        return closedBySluice.get();
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        writing = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        writer.join(10_000);
        reader.join(10_000);
    }
}
