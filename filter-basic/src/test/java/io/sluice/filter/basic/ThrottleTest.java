package io.sluice.filter.basic;

import static io.sluice.filter.basic.Filters.configError;
import static io.sluice.filter.basic.Filters.make;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sluice.api.FilterResult;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.testkit.TestConfigs;
import io.sluice.testkit.TestFilterContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private static final ThrottlePlugin PLUGIN = new ThrottlePlugin();
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final TestFilterContext context = new TestFilterContext(PLUGIN, TestConfigs.settings());

    private ThrottleFilter throttle(double rate, int window, long intervalSeconds) {
        return new ThrottleFilter(context, rate, window, intervalSeconds, intervalSeconds + "s", false, clock::get);
    }

    private static String[] records(int n) {
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            bodies[i] = "{'n':" + i + "}";
        }
        return bodies;
    }

    private int kept(ThrottleFilter t, int n) {
        return Run.of(t, "t", records(n)).kept().size();
    }

    @Test
    void aFreshInstanceAcceptsABurstOfRateTimesWindowThenDrops() {
        ThrottleFilter t = throttle(2, 3, 1);
        Run run = Run.of(t, "t", records(10));
        assertThat(run.kept()).containsExactly("{'n':0}", "{'n':1}", "{'n':2}", "{'n':3}", "{'n':4}", "{'n':5}");
        assertThat(context.counter("throttled_records")).isEqualTo(4);
        assertThat(context.log().messages(Level.WARN)).anyMatch(w -> w.contains("dropped 4 records tagged 't'"));
    }

    @Test
    void theWindowSlidesOnePanePerInterval() {
        ThrottleFilter t = throttle(2, 3, 1);
        assertThat(kept(t, 10)).isEqualTo(6);
        clock.addAndGet(SECOND);
        assertThat(kept(t, 1)).as("the burst still fills the window").isZero();
        clock.addAndGet(SECOND);
        assertThat(kept(t, 1)).isZero();
        clock.addAndGet(SECOND);
        assertThat(kept(t, 10)).as("the burst's pane was reused").isEqualTo(6);
    }

    @Test
    void steadyTrafficAtTheRateIsKept() {
        ThrottleFilter t = throttle(2, 3, 1);
        int kept = 0;
        for (int i = 0; i < 20; i++) {
            kept += kept(t, 2);
            clock.addAndGet(SECOND);
        }
        assertThat(kept).isEqualTo(40);
    }

    @Test
    void aLongPauseEmptiesTheWindow() {
        ThrottleFilter t = throttle(1, 5, 60);
        assertThat(kept(t, 10)).isEqualTo(5);
        clock.addAndGet(3600 * SECOND);
        assertThat(kept(t, 10)).isEqualTo(5);
    }

    @Test
    void windowOneIsHonouredUnlikeFluentBitWhichMakesItFive() {
        Filters.Made m = make(PLUGIN, "rate", "1", "window", "1");
        assertThat(m.run("t", records(10)).kept()).hasSize(1);
    }

    @Test
    void aRateBelowOneCountsAsOneWithAWarning() {
        Filters.Made m = make(PLUGIN, "rate", "0.2", "window", "2");
        assertThat(m.run("t", records(10)).kept()).hasSize(2);
        assertThat(m.context().log().messages(Level.WARN)).anyMatch(w -> w.contains("below 1"));
    }

    @Test
    void theDefaultsAreRateOneWindowFive() {
        assertThat(make(PLUGIN).run("t", records(10)).kept()).hasSize(5);
    }

    @Test
    void nothingDroppedLeavesTheBatchUnchanged() {
        Run run = Run.of(throttle(100, 5, 1), "t", records(10));
        assertThat(run.result()).isEqualTo(FilterResult.UNCHANGED);
    }

    @Test
    void everyInstanceHasItsOwnWindowUnlikeFluentBitsSharedState() {
        ThrottleFilter a = throttle(1, 2, 1);
        ThrottleFilter b = throttle(1, 2, 1);
        assertThat(kept(a, 5)).isEqualTo(2);
        assertThat(kept(b, 5)).isEqualTo(2);
    }

    @Test
    void oneWindowIsSharedByEveryTagTheInstanceSees() {
        ThrottleFilter t = throttle(1, 2, 1);
        assertThat(Run.of(t, "a", records(1)).kept()).hasSize(1);
        assertThat(Run.of(t, "b", records(5)).kept()).hasSize(1);
    }

    @Test
    void intervalTakesAnOptionalUnitAndFractions() throws InvalidConfigException {
        assertThat(ThrottlePlugin.intervalSeconds("1")).isEqualTo(1);
        assertThat(ThrottlePlugin.intervalSeconds("30s")).isEqualTo(30);
        assertThat(ThrottlePlugin.intervalSeconds("1.5m")).isEqualTo(90);
        assertThat(ThrottlePlugin.intervalSeconds("2H")).isEqualTo(7200);
        assertThat(ThrottlePlugin.intervalSeconds("1d")).isEqualTo(86400);
        assertThat(ThrottlePlugin.intervalSeconds("1.9")).isEqualTo(1);
        assertThat(ThrottlePlugin.intervalSeconds("0.5m")).isEqualTo(30);
    }

    @Test
    void anIntervalUnderOneSecondOrNotANumberIsRefusedUnlikeFluentBitWhichGuesses() {
        assertThat(configError(PLUGIN, "interval", "0.5")).contains("key 'interval'").contains("shorter than 1");
        assertThat(configError(PLUGIN, "interval", "0")).contains("shorter than 1");
        assertThat(configError(PLUGIN, "interval", "abc")).contains("invalid time interval 'abc'");
        assertThat(configError(PLUGIN, "interval", "2x")).contains("invalid time interval '2x'");
    }

    @Test
    void aWindowBelowOneIsRefused() {
        assertThat(configError(PLUGIN, "window", "0")).contains("key 'window'");
        assertThat(configError(PLUGIN, "rate", "many")).contains("key 'rate'");
    }

    @Test
    void printStatusLogsTheLimitAndTheCurrentRate() {
        ThrottleFilter t = new ThrottleFilter(context, 2, 3, 1, "1s", true, clock::get);
        kept(t, 7);
        t.logStatus();
        assertThat(context.log().messages(Level.INFO)).anyMatch(i -> i.matches(
                "\\d+: limit is 2\\.00 per 1s with window size of 3, current rate is: 2 per interval"));
    }

    @Test
    void printStatusRunsATickerThatStopsWithTheFilter() {
        Filters.Made m = make(PLUGIN, "print_status", "on");
        Awaitility.await("the ticker's first status line").atMost(Duration.ofSeconds(10))
                .until(() -> !m.context().log().messages(Level.INFO).isEmpty());
        assertThat(m.context().log().messages(Level.INFO)).anyMatch(i -> i.contains("limit is 1.00 per 1"));
        m.filter().stop();
    }
}
