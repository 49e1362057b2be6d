package io.sluice.distribution.faults;

import io.sluice.distribution.support.ProcessFigures;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a process's resident memory every 100 ms and keeps the peak. */
final class RssSampler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong peakKb = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    RssSampler(long pid) {
        timer.scheduleAtFixedRate(() -> {
            try {
                peakKb.accumulateAndGet(ProcessFigures.of(pid).rssKb(), Math::max);
                samples.incrementAndGet();
            } catch (UncheckedIOException ended) {
                // the process is gone: the peak so far stands
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    long peakMb() {
        return peakKb.get() / 1024;
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
