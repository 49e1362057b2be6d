package io.sluice.distribution.badinput;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client that keeps sending numbered records ({@code "src": NAME, "seq": 0, 1, 2...}) on its own connection
 * while a test misbehaves on others, at least {@code minimum} of them and on until stopped. It keeps at most
 * {@value #IN_FLIGHT} records ahead of what sluice has printed, so it runs for the whole test without flooding it.
 */
final class WellBehavedSender {

    private static final int BATCH = 50;
    private static final int IN_FLIGHT = 1_000;

    final String name;
    private final int port;
    private final int minimum;
    private final ReceivedRecords received;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private volatile long sent;
    private volatile Throwable failure;

    private WellBehavedSender(String name, int port, int minimum, ReceivedRecords received) {
        this.name = name;
        this.port = port;
        this.minimum = minimum;
        this.received = received;
        this.thread = new Thread(this::run, "well-behaved-" + name);
    }

    /** Starts sending to {@code sluice} as {@code name}. */
    static WellBehavedSender start(TcpToStdout sluice, String name, int minimum) {
        WellBehavedSender s = new WellBehavedSender(name, sluice.tcpPort, minimum, sluice.received);
        s.thread.start();
        return s;
    }

    /** Stops after the minimum, closes the connection and returns how many records were sent. */
    long finish() throws InterruptedException {
        stop.set(true);
        thread.join(60_000);
        if (thread.isAlive()) {
            thread.interrupt();
            throw new AssertionError(name + " sender did not finish within 60 s");
        }
        if (failure != null) {
            throw new AssertionError(name + " sender failed after " + sent + " records", failure);
        }
        return sent;
    }

    private void run() {
        String pad = "y".repeat(60);
        try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
            StringBuilder batch = new StringBuilder();
            long n = 0;
            while (n < minimum || !stop.get()) {
                batch.setLength(0);
                for (int i = 0; i < BATCH; i++, n++) {
                    batch.append("{\"src\": \"").append(name).append("\", \"seq\": ").append(n)
                            .append(", \"msg\": \"").append(pad).append("\"}\n");
                }
                out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                sent = n;
                if (!received.awaitAtLeast(name, n - IN_FLIGHT, Duration.ofSeconds(30))) {
                    throw new AssertionError("sluice printed only " + received.distinct(name) + " of " + n);
                }
            }
        } catch (IOException | InterruptedException | AssertionError e) {
            failure = e;
        }
    }
}
