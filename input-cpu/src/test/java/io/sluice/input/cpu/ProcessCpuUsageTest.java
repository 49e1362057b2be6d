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

class ProcessCpuUsageTest {

    private static final int PID = 4242;

    @TempDir
    Path dir;

    private ProcFixture proc;
    private TestInputContext context;
    private CpuInput input;

    @BeforeEach
    void fixture() {
        proc = new ProcFixture(dir);
        proc.idleTwoCores(1000);
    }

    @AfterEach
    void stop() {
        if (input != null) {
            input.stop();
        }
    }

    private void start() throws PluginException {
        context = new TestInputContext(new CpuInputPlugin(), Map.of("PID", Integer.toString(PID)));
        input = proc.input(context);
        input.takeBaseline();
    }

    @Test
    void processUsageIsDividedByTheCoresPresent() throws Exception {
        proc.process(PID, "worker", 10, 5);
        start();
        proc.process(PID, "worker", 16, 7);

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).containsExactly(
                entry("cpu_p", 4.0), entry("user_p", 3.0), entry("system_p", 1.0));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsSkippedWhole() throws Exception {
        proc.process(PID, "my (odd) name) 1 2 3", 10, 5);
        start();
        proc.process(PID, "my (odd) name) 1 2 3", 16, 7);

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).containsExactly(
                entry("cpu_p", 4.0), entry("user_p", 3.0), entry("system_p", 1.0));
    }

    @Test
    void coresPresentNowAreTheDivisor() throws Exception {
        proc.process(PID, "worker", 10, 5);
        start();
        proc.stat("cpu  100 0 50 4000", "cpu0 25 0 12 1000", "cpu1 25 0 12 1000", "cpu2 25 0 13 1000",
                "cpu3 25 0 13 1000");
        proc.process(PID, "worker", 16, 7);

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).containsExactly(
                entry("cpu_p", 2.0), entry("user_p", 1.5), entry("system_p", 0.5));
    }

    @Test
    void aDisappearedProcessIsLoggedOnceAndGivesNoRecords() throws Exception {
        proc.process(PID, "worker", 10, 5);
        start();
        proc.processGone(PID);

        input.sampleInterval();
        input.sampleInterval();
        input.sampleInterval();

        assertThat(context.emitter().events()).isEmpty();
        assertThat(context.log().messages(Level.ERROR)).singleElement().asString()
                .contains("process 4242").contains("retrying every interval");
        assertThat(context.counter("process_unavailable")).isEqualTo(3);
    }

    @Test
    void aReappearedProcessIsLoggedAndMeasuredAfterANewBaseline() throws Exception {
        proc.process(PID, "worker", 10, 5);
        start();
        proc.processGone(PID);
        input.sampleInterval();
        proc.process(PID, "worker", 300, 100);
        input.sampleInterval();

        assertThat(context.emitter().events()).isEmpty();
        assertThat(context.log().messages(Level.INFO)).singleElement().asString()
                .contains("process 4242").contains("readable again");

        proc.process(PID, "worker", 306, 102);
        input.sampleInterval();
        assertThat(context.emitter().onlyRecord()).containsExactly(
                entry("cpu_p", 4.0), entry("user_p", 3.0), entry("system_p", 1.0));
    }

    @Test
    void aProcessMissingAtStartIsRetriedWithoutFailingTheStart() throws Exception {
        start();
        proc.process(PID, "late", 10, 5);
        input.sampleInterval();
        proc.process(PID, "late", 16, 7);
        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).containsEntry("cpu_p", 4.0);
        assertThat(context.log().messages(Level.ERROR)).hasSize(1);
    }

    @Test
    void processCountersGoingBackwardsReportZero() throws Exception {
        proc.process(PID, "worker", 10, 5);
        start();
        proc.process(PID, "worker", 2, 7);

        input.sampleInterval();

        assertThat(context.emitter().onlyRecord()).containsExactly(
                entry("cpu_p", 0.0), entry("user_p", 0.0), entry("system_p", 0.0));
        assertThat(context.counter("counter_anomalies")).isEqualTo(1);
    }

    @Test
    void pidModeStillNeedsProcStat() {
        context = new TestInputContext(new CpuInputPlugin(), Map.of("PID", Integer.toString(PID)));
        CpuInput withoutProc = new CpuInput(context, CpuSettings.from(context.config()),
                dir.resolve("missing").toFile());

        org.assertj.core.api.Assertions.assertThatThrownBy(withoutProc::start)
                .isInstanceOf(PluginException.class).hasMessageContaining("needs Linux's /proc");
    }
}
