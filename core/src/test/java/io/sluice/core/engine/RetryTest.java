package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.FlushResult;
import io.sluice.core.config.OutputDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry timing runs in milliseconds here: scheduler.base 5 and cap 2000 mean 6–11 ms, 6–21 ms, 6–41 ms. */
class RetryTest {

    private static final Pattern RETRY_IN = Pattern.compile("retry in (\\d+) seconds");

    private Engine engine;
    private final LogCapture log = new LogCapture("engine");

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
        log.close();
    }

    @Test
    void retryThreeTimesThenOkDeliversOnceWithBackoffInBounds() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*", null, 5, 1)
                .answering((c, call, w) -> call <= 3 ? FlushResult.RETRY : FlushResult.OK);
        engine = p.start();

        in.emit(4);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 4);
        assertThat(out.delivered()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(out.calls()).isEqualTo(4);
        List<Long> waits = log.containing("retry in").stream().map(RetryTest::waitOf).toList();
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(6L, 11L);
        assertThat(waits.get(1)).isBetween(6L, 21L);
        assertThat(waits.get(2)).isBetween(6L, 41L);
        List<Long> calls = out.callTimesNanos();
        for (int i = 1; i < calls.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(calls.get(i) - calls.get(i - 1)))
                    .isGreaterThanOrEqualTo(waits.get(i - 1) - 1);
        }
        assertThat(log.containing("succeeded at retry 3")).hasSize(1);
        InstanceSnapshot m = engine.metrics().output("out.0");
        assertThat(m.get("retries")).isEqualTo(3);
        assertThat(m.get("retried_records")).isEqualTo(12);
        assertThat(m.get("proc_records")).isEqualTo(4);
        assertThat(m.get("dropped_records")).isZero();
    }

    @Test
    void retryLimitOneWithAFailingOutputDropsTheChunkAndSaysHowManyRecords() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*", null, 1, 1).answering((c, call, w) -> FlushResult.RETRY);
        engine = p.start();

        in.emit(7);

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.metrics().output("out.0").get("dropped_records") == 7);
        assertThat(out.calls()).isEqualTo(2);
        InstanceSnapshot m = engine.metrics().output("out.0");
        assertThat(m.get("retries")).isEqualTo(1);
        assertThat(m.get("retries_failed")).isEqualTo(1);
        assertThat(log.containing("cannot be retried")).singleElement().asString()
                .contains("input=in.0 > output=out.0");
        assertThat(log.containing("7 records lost")).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.bufferedBytes() == 0 && engine.pendingTasks() == 0);
    }

    @Test
    void noRetriesDropsOnTheFirstRetryWithoutCountingAFailedRetry() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*", null, 0, 1).answering((c, call, w) -> FlushResult.RETRY);
        engine = p.start();

        in.emit(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.metrics().output("out.0").get("dropped_records") == 3);
        assertThat(out.calls()).isEqualTo(1);
        assertThat(engine.metrics().output("out.0").get("retries_failed")).isZero();
        assertThat(log.containing("is not retried (no retry config)")).hasSize(1);
    }

    @Test
    void unlimitedRetriesKeepGoingUntilDelivered() throws Exception {
        TestPipeline p = new TestPipeline().backoff(1, 3);
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*", null, OutputDefinition.UNLIMITED, 1)
                .answering((c, call, w) -> call <= 25 ? FlushResult.RETRY : FlushResult.OK);
        engine = p.start();

        in.emit(2);

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered().size() == 2);
        assertThat(out.calls()).isEqualTo(26);
        assertThat(engine.metrics().output("out.0").get("retries")).isEqualTo(25);
    }

    @Test
    void errorDropsTheChunkForThatOutputOnly() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        TestOutput failing = p.output("bad.0", "*").answering((c, call, w) -> FlushResult.ERROR);
        TestOutput fine = p.output("good.0", "*");
        engine = p.start();

        in.emit(5);

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.metrics().output("bad.0").get("dropped_records") == 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> fine.delivered().size() == 5);
        assertThat(failing.calls()).isEqualTo(1);
        assertThat(engine.metrics().output("bad.0").get("errors")).isEqualTo(1);
        assertThat(log.containing("output=bad.0 dropped (the output reported an error): 5 records lost")).hasSize(1);
    }

    @Test
    void aFlushThatThrowsIsRetried() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*", null, 3, 1).answering((c, call, w) -> {
            if (call == 1) {
                throw new IllegalStateException("boom");
            }
            return FlushResult.OK;
        });
        engine = p.start();

        in.emit(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 2);
        assertThat(log.containing("boom")).isNotEmpty();
    }

    private static long waitOf(String line) {
        Matcher m = RETRY_IN.matcher(line);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
