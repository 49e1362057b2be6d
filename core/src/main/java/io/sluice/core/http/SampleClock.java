package io.sluice.core.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Drives the health sampler: once a second in production; tests step one by hand. */
interface SampleClock {

    /** Calls {@code sample} now and then once per second until the returned handle is closed. */
    AutoCloseable start(Runnable sample);

    /** One daemon thread, {@code http-health}, at a fixed rate of one sample per second. */
    SampleClock EVERY_SECOND = sample -> {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-health");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(sample, 0, 1, TimeUnit.SECONDS);
        return () -> {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        };
    };
}
