package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTimersTest {

    private final EngineLoop loop = new EngineLoop();

    @AfterEach
    void stop() {
        loop.stopNow();
    }

    @Test
    void onceShutdownBeganARetryWaitsOneUnitAtMostButNeverFiresEarly() {
        OutputLane lane = TestPipeline.lane("out.0");
        RouteTask task = new RouteTask(new Chunk(1, null, "t", List.of(lane), new byte[0]), lane);
        RetryTimers timers = new RetryTimers(loop, TimeUnit.MILLISECONDS);
        AtomicLong wait = new AtomicLong();

        loop.execute(() -> {
            timers.hurry();
            wait.set(timers.adjust(60_000));
            timers.schedule(task, 200);
        });

        await().atMost(Duration.ofSeconds(2)).until(() -> wait.get() != 0);
        assertThat(wait.get()).isEqualTo(1);
        assertThat(lane.queued()).as("a retry scheduled during shutdown is not fired at once").isZero();
        await().atMost(Duration.ofSeconds(2)).until(() -> lane.queued() == 1);
    }

    @Test
    void hurryHandsEveryWaitingTaskBackAtOnce() {
        OutputLane lane = TestPipeline.lane("out.0");
        RetryTimers timers = new RetryTimers(loop, TimeUnit.SECONDS);

        loop.execute(() -> {
            for (int i = 0; i < 3; i++) {
                timers.schedule(new RouteTask(new Chunk(i, null, "t", List.of(lane), new byte[0]), lane), 3600);
            }
            timers.hurry();
        });

        await().atMost(Duration.ofSeconds(2)).until(() -> lane.queued() == 3);
    }
}
