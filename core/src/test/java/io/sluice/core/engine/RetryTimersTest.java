package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTimersTest {

    private final ScheduledThreadPoolExecutor engineThread = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        engineThread.shutdownNow();
    }

    @Test
    void aRetryScheduledWithANormalWaitJustAfterShutdownBeganFiresAtOnce() {
        TestPipeline p = new TestPipeline();
        p.output("out.0", "*");
        OutputLane lane = new OutputLane(p.config().outputs().get(0), 0, RouteRule.none(),
                new RetryPolicy(5, 20, 1, new Random(1)));
        RouteTask task = new RouteTask(new Chunk(1, null, List.of(lane), new byte[0]), lane);
        RetryTimers timers = new RetryTimers(engineThread, TimeUnit.SECONDS);

        // A worker read hurrying() as false and chose a normal wait; shutdown's hurry() ran before it scheduled.
        timers.hurry();
        timers.schedule(task, 60);

        await().atMost(Duration.ofSeconds(2)).until(() -> lane.queued() == 1);
        assertThat(timers.size()).isZero();
    }
}
