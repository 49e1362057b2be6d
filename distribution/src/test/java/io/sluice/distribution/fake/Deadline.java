package io.sluice.distribution.fake;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes, failing with what was last seen. */
final class Deadline {

    private static final long POLL_NANOS = 5_000_000;

    private Deadline() {
    }

    /** The first probed value that is {@code done}; an {@link AssertionError} describing the last one on timeout. */
    static <T> T await(Supplier<T> probe, Predicate<T> done, Duration timeout, Function<T, String> describe) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + timeout + ": " + describe.apply(value));
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("interrupted while waiting: " + describe.apply(value));
            }
        }
    }
}
