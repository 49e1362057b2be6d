package io.sluice.core.engine;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlowPauseTest {

    @Test
    void anInputWhosePauseHangsDoesNotStopTheFlushTimerForTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch pausing = new CountDownLatch(1);
        TestPipeline p = new TestPipeline().flush(0.02);
        TestInput slow = p.input("slow.0", "a", 200).whenPaused(() -> {
            pausing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TestInput other = p.input("other.0", "b");
        TestOutput out = p.output("out.0", "*");
        Engine engine = p.start();
        // The slow input's own thread crosses its limit and hangs in pause(), holding its transition lock.
        Thread slowThread = new Thread(() -> slow.emit(5, 100), "slow-input");
        slowThread.start();
        try {
            pausing.await(5, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(3)).until(() -> {
                other.emit(1);
                return out.chunks().stream().filter(c -> c.tag().equals("b")).count() >= 5;
            });
        } finally {
            release.countDown();
            slowThread.join(5_000);
            engine.shutdown();
        }
    }
}
