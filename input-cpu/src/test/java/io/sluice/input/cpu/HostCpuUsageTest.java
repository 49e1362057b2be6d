package io.sluice.input.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import io.sluice.api.PluginException;
import io.sluice.testkit.TestInputContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCpuUsageTest {

    @TempDir
    Path dir;

    private ProcFixture proc;
    private TestInputContext context;
    private CpuInput input;

    @BeforeEach
    void fixture() {
        proc = new ProcFixture(dir);
    }

    @AfterEach
    void stop() {
        if (input != null) {
            input.stop();
        }
    }

    private CpuInput start(Map<String, String> properties) throws PluginException {
        context = new TestInputContext(new CpuInputPlugin(), properties);
        input = proc.input(context);
        input.takeBaseline();
        return input;
    }

    @Test
    void specExampleGivesExactTotalsAndPerCoreValuesWithoutDividingByCores() throws Exception {
        proc.stat("cpu  100 0 50 1000 0 0 0 0 0 0",
                "cpu0 60 0 20 500 0 0 0 0 0 0",
                "cpu1 40 0 30 500 0 0 0 0 0 0");
        start(Map.of());
        proc.stat("cpu  106 0 52 1192 0 0 0 0 0 0",
                "cpu0 64 0 22 594 0 0 0 0 0 0",
                "cpu1 42 0 30 598 0 0 0 0 0 0");

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).containsExactly(
                entry("cpu_p", 4.0), entry("user_p", 3.0), entry("system_p", 1.0),
                entry("cpu0.p_cpu", 6.0), entry("cpu0.p_user", 4.0), entry("cpu0.p_system", 2.0),
                entry("cpu1.p_cpu", 2.0), entry("cpu1.p_user", 2.0), entry("cpu1.p_system", 0.0));
    }

    @Test
    void everyValueIsAFloat64EvenWhenWhole() throws Exception {
        proc.idleTwoCores(1000);
        start(Map.of());
        proc.idleTwoCores(1100);

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord().values()).allSatisfy(v -> assertThat(v).isInstanceOf(Double.class));
    }

    @Test
    void firstReadingIsOnlyTheBaseline() throws Exception {
        proc.idleTwoCores(1000);
        start(Map.of());

        assertThat(context.emitter().events()).isEmpty();

        proc.idleTwoCores(1100);
        input.sampleInterval();
        assertThat(context.emitter().events()).hasSize(1);
    }

    @Test
    void niceTimeCountsAsUserTime() throws Exception {
        proc.stat("cpu  100 10 50 1000", "cpu0 50 5 25 500", "cpu1 50 5 25 500");
        start(Map.of());
        proc.stat("cpu  100 14 50 1196", "cpu0 50 9 25 596", "cpu1 50 5 25 600");

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord())
                .contains(entry("cpu_p", 2.0), entry("user_p", 2.0), entry("system_p", 0.0),
                        entry("cpu0.p_user", 4.0));
    }

    @Test
    void idleIowaitIrqAndStealNeverCountAsBusy() throws Exception {
        proc.stat("cpu  100 0 50 1000 10 10 10 10", "cpu0 50 0 25 500 5 5 5 5", "cpu1 50 0 25 500 5 5 5 5");
        start(Map.of());
        proc.stat("cpu  100 0 50 1100 50 30 30 30", "cpu0 50 0 25 550 25 15 15 15", "cpu1 50 0 25 550 25 15 15 15");

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord().values()).containsOnly(0.0);
    }

    @Test
    void nominalIntervalDividesTheValues() throws Exception {
        proc.stat("cpu  100 0 50 1000", "cpu0 60 0 20 500", "cpu1 40 0 30 500");
        start(Map.of("Interval_Sec", "0", "Interval_NSec", "500000000"));
        proc.stat("cpu  106 0 52 1092", "cpu0 64 0 22 544", "cpu1 42 0 30 548");

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord())
                .contains(entry("cpu_p", 8.0), entry("user_p", 6.0), entry("system_p", 2.0),
                        entry("cpu0.p_cpu", 12.0));
    }

    @Test
    void aCoreComingOnlineReportsZeroUntilItHasABaselineAndCountsInN() throws Exception {
        proc.stat("cpu  100 0 50 1000", "cpu0 60 0 20 500", "cpu1 40 0 30 500");
        start(Map.of());
        proc.stat("cpu  109 0 50 1200", "cpu0 63 0 20 597", "cpu1 43 0 30 597", "cpu2 3 0 0 6");

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).containsExactly(
                entry("cpu_p", 3.0), entry("user_p", 3.0), entry("system_p", 0.0),
                entry("cpu0.p_cpu", 3.0), entry("cpu0.p_user", 3.0), entry("cpu0.p_system", 0.0),
                entry("cpu1.p_cpu", 3.0), entry("cpu1.p_user", 3.0), entry("cpu1.p_system", 0.0),
                entry("cpu2.p_cpu", 0.0), entry("cpu2.p_user", 0.0), entry("cpu2.p_system", 0.0));
    }

    @Test
    void aCoreThatCameOnlineIsMeasuredFromTheNextInterval() throws Exception {
        proc.stat("cpu  100 0 50 1000", "cpu0 60 0 20 500", "cpu1 40 0 30 500");
        start(Map.of());
        proc.stat("cpu  109 0 50 1200", "cpu0 63 0 20 597", "cpu1 43 0 30 597", "cpu2 3 0 0 6");
        input.sampleInterval();
        proc.stat("cpu  114 0 50 1400", "cpu0 63 0 20 697", "cpu1 43 0 30 697", "cpu2 8 0 0 101");

        input.sampleInterval();

        assertThat(context.emitter().events().get(1).body())
                .contains(entry("cpu2.p_cpu", 5.0), entry("cpu2.p_user", 5.0));
    }

    @Test
    void aCoreGoingOfflineIsLeftOutAndTheOthersKeepTheirNumbers() throws Exception {
        proc.stat("cpu  100 0 50 1000", "cpu0 40 0 20 500", "cpu1 30 0 15 500", "cpu2 30 0 15 500");
        start(Map.of());
        proc.stat("cpu  106 0 50 1200", "cpu0 44 0 20 600", "cpu2 32 0 15 600");

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).containsExactly(
                entry("cpu_p", 3.0), entry("user_p", 3.0), entry("system_p", 0.0),
                entry("cpu0.p_cpu", 4.0), entry("cpu0.p_user", 4.0), entry("cpu0.p_system", 0.0),
                entry("cpu2.p_cpu", 2.0), entry("cpu2.p_user", 2.0), entry("cpu2.p_system", 0.0));
    }

    @Test
    void aCounterGoingBackwardsReportsZeroForThatLineAndIsCounted() throws Exception {
        proc.stat("cpu  100 0 50 1000", "cpu0 60 0 20 500", "cpu1 40 0 30 500");
        start(Map.of());
        proc.stat("cpu  104 0 52 1196", "cpu0 2 0 22 598", "cpu1 42 0 30 598");

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).contains(
                entry("cpu_p", 3.0), entry("cpu0.p_cpu", 0.0), entry("cpu0.p_user", 0.0),
                entry("cpu0.p_system", 0.0), entry("cpu1.p_cpu", 2.0));
        assertThat(context.counter("counter_anomalies")).isEqualTo(1);
        assertThat(context.emitter().onlyRecord().values())
                .allSatisfy(v -> assertThat((Double) v).isNotNegative().isNotNaN());
    }

    @Test
    void countersGoingBackwardsOnSeveralLinesAreLoggedOnceAndEachCounted() throws Exception {
        proc.stat("cpu  100 0 50 1000", "cpu0 60 0 20 500", "cpu1 40 0 30 500");
        start(Map.of());
        proc.stat("cpu  4 0 52 1196", "cpu0 2 0 22 598", "cpu1 2 0 30 598");

        input.sampleInterval();

        assertThat(context.counter("counter_anomalies")).isEqualTo(3);
        assertThat(context.log().messages(Level.WARN)).singleElement().asString()
                .contains("'cpu'").contains("went backwards");
    }

    @Test
    void theReadingAfterACounterWentBackwardsIsTheNewBaseline() throws Exception {
        proc.stat("cpu  100 0 50 1000", "cpu0 60 0 20 500", "cpu1 40 0 30 500");
        start(Map.of());
        proc.stat("cpu  104 0 52 1196", "cpu0 2 0 22 598", "cpu1 42 0 30 598");
        input.sampleInterval();
        proc.stat("cpu  108 0 52 1392", "cpu0 6 0 22 694", "cpu1 42 0 30 698");

        input.sampleInterval();

        assertThat(context.emitter().events().get(1).body())
                .contains(entry("cpu0.p_cpu", 4.0), entry("cpu0.p_user", 4.0));
    }

    @Test
    void aCounterWrappingAt64BitsStillGivesTheRightDelta() throws Exception {
        proc.stat("cpu  18446744073709551610 0 50 1000", "cpu0 18446744073709551610 0 20 500", "cpu1 40 0 30 500");
        start(Map.of());
        proc.stat("cpu  4 0 50 1190", "cpu0 4 0 20 590", "cpu1 40 0 30 600");

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).contains(entry("cpu_p", 5.0), entry("cpu0.p_user", 10.0));
        assertThat(context.counter("counter_anomalies")).isZero();
    }

    @Test
    void startFailsClearlyWithoutProcStat() {
        context = new TestInputContext(new CpuInputPlugin(), Map.of());
        CpuInput withoutProc = proc.input(context);

        org.assertj.core.api.Assertions.assertThatThrownBy(withoutProc::start)
                .isInstanceOf(PluginException.class)
                .hasMessageContaining(dir.resolve("stat").toString())
                .hasMessageContaining("needs Linux's /proc");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("input:cpu:"));
    }

    @Test
    void anUnreadableStatSkipsTheSampleAndTheNextGoodReadingIsABaseline() throws Exception {
        proc.idleTwoCores(1000);
        start(Map.of());
        proc.stat("garbage");
        input.sampleInterval();
        proc.idleTwoCores(1200);
        input.sampleInterval();

        assertThat(context.emitter().events()).isEmpty();
        assertThat(context.counter("read_errors")).isEqualTo(1);

        proc.idleTwoCores(1300);
        input.sampleInterval();
        assertThat(context.emitter().events()).hasSize(1);
    }

    @Test
    void pausedInputEmitsNothingAndTheFirstRecordAfterResumeCoversOneInterval() throws Exception {
        proc.stat("cpu  100 0 50 1000", "cpu0 60 0 20 500", "cpu1 40 0 30 500");
        start(Map.of());
        input.pause();
        proc.stat("cpu  180 0 90 1040", "cpu0 100 0 40 520", "cpu1 80 0 50 520");
        input.sampleInterval();
        proc.stat("cpu  190 0 95 1220", "cpu0 105 0 45 610", "cpu1 85 0 50 610");
        input.sampleInterval();

        assertThat(context.emitter().events()).isEmpty();

        input.resume();
        proc.stat("cpu  196 0 97 1412", "cpu0 109 0 47 704", "cpu1 87 0 50 708");
        input.sampleInterval();
        assertThat(context.emitter().onlyRecord())
                .contains(entry("cpu_p", 4.0), entry("user_p", 3.0), entry("system_p", 1.0));
    }
}
