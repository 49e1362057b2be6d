package io.sluice.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT. The first starts a graceful shutdown; a second one, while that shutdown runs and at
 * least a second after the first (tools such as {@code timeout} deliver one signal to the process and to its group),
 * ends the process at once (exit 1), saying so.
 */
class SignalWaiter {

    private final CountDownLatch first = new CountDownLatch(1);
    private final AtomicReference<String> caught = new AtomicReference<>();
    /** A repeat within this time is the same event delivered twice (e.g. to the process and to its group). */
    private static final long REPEAT_WINDOW_NANOS = 1_000_000_000L;

    private final AtomicInteger count = new AtomicInteger();
    private volatile long firstAt;
    private volatile String failure;
    private volatile Logger log;

    SignalWaiter() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), this::onSignal);
            } catch (IllegalArgumentException unavailable) {
                // this JVM reserves the signal (e.g. -Xrs); the default handling applies
            }
        }
    }

    private void onSignal(Signal signal) {
        if (count.incrementAndGet() == 1) {
            firstAt = System.nanoTime();
            caught.set("SIG" + signal.getName());
            first.countDown();
            return;
        }
        if (System.nanoTime() - firstAt < REPEAT_WINDOW_NANOS) {
            return;
        }
        Logger l = log;
        if (l != null) {
            l.error("[engine] second signal (SIG{}): exiting now; records not yet delivered are lost",
                    signal.getName());
        }
        Runtime.getRuntime().halt(1);
    }

    /** Stops the wait as a signal would, for a failure inside sluice; {@link #failed()} then says so. */
    void stopFor(String reason) {
        if (count.incrementAndGet() == 1) {
            firstAt = System.nanoTime();
            failure = reason;
            caught.set(reason);
            first.countDown();
        }
    }

    /** Whether the wait ended for a failure rather than a signal. */
    boolean failed() {
        return failure != null;
    }

    /** Blocks until the first signal (or failure) and returns its name, e.g. {@code SIGTERM}. */
    String awaitFirst(Logger logger) {
        log = logger;
        try {
            first.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupt";
        }
        return caught.get();
    }
}
