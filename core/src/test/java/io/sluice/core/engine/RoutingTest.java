package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingTest {

    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
    }

    @Test
    void recordsGoToEveryOutputWhoseGlobOrRegexMatchesTheirTag() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput cpu = p.input("cpu.0", "cpu.0");
        TestInput tcp = p.input("tcp.0", "app.tcp");
        TestOutput all = p.output("all", "*");
        TestOutput cpuOnly = p.output("cpu_only", "cpu*");
        TestOutput appRegex = p.output("app_regex", null, Pattern.compile("app\\."), 1, 1);
        TestOutput none = p.output("none", "mem");
        engine = p.start();

        cpu.emit(3);
        tcp.emit(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> all.delivered().size() == 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> cpuOnly.delivered().size() == 3
                && appRegex.delivered().size() == 2);
        assertThat(cpuOnly.chunks()).allSatisfy(c -> assertThat(c.tag()).isEqualTo("cpu.0"));
        assertThat(appRegex.chunks()).allSatisfy(c -> assertThat(c.tag()).isEqualTo("app.tcp"));
        assertThat(none.calls()).isZero();
    }

    @Test
    void aSoleInputAndOutputWithoutMatchAreConnected() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("dummy.0", "dummy.0");
        TestOutput out = p.output("out", null);
        engine = p.start();

        in.emit(4);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 4);
    }

    @Test
    void aSlowOutputDoesNotDelayAnother() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in", "t");
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        TestOutput slow = p.output("slow", "*").answering((c, n, w) -> {
            gate.await();
            return io.sluice.api.FlushResult.OK;
        });
        TestOutput fast = p.output("fast", "*");
        engine = p.start();

        for (int i = 0; i < 5; i++) {
            in.emit(10);
            long want = (i + 1) * 10L;
            await().atMost(Duration.ofSeconds(5)).until(() -> fast.delivered().size() == want);
        }
        assertThat(slow.delivered()).isEmpty();
        gate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.delivered().size() == 50);
    }

    @Test
    void dataThatMatchesNoOutputIsDiscardedAndReleased() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput orphan = p.input("orphan.0", "nobody.cares");
        TestInput in = p.input("in.0", "app");
        TestOutput out = p.output("out.0", "app");
        engine = p.start();

        orphan.emit(5);
        in.emit(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.bufferedBytes() == 0);
        assertThat(engine.metrics().input("orphan.0").get("records")).isEqualTo(5);
    }

    @Test
    void metricsCountRecordsAndBytesInAndOut() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*");
        engine = p.start();

        in.emit(7);

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.metrics().output("out.0").get("proc_records") == 7);
        MetricsSnapshot m = engine.metrics();
        assertThat(m.input("in.0").get("records")).isEqualTo(7);
        assertThat(m.input("in.0").get("bytes")).isEqualTo(m.output("out.0").get("proc_bytes")).isPositive();
        assertThat(m.output("out.0").counters()).containsKeys("errors", "retries", "retries_failed",
                "dropped_records", "retried_records");
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.bufferedBytes() == 0);
    }

    @Test
    void pluginsReadTheServiceSettingsTheyHonour() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*");
        engine = p.start();

        assertThat(out.context().serviceSetting("json.escape_unicode")).contains("on");
        assertThat(in.context().serviceSetting("JSON.Convert_Nan_To_Null")).contains("off");
        assertThat(out.context().serviceSetting("flush")).isEmpty();
    }

    @Test
    void pluginCountersAppearInTheSnapshotApartFromTheEngines() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        p.output("out.0", "*");
        engine = p.start();

        in.context().metrics().counter("bad_records", "records that failed to parse").add(3);

        InstanceSnapshot s = engine.metrics().input("in.0");
        assertThat(s.pluginCounters()).containsEntry("bad_records", 3L);
        assertThat(s.get("records")).isZero();
    }

    @Test
    void pluginCannotRegisterACounterUnderAnEngineName() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        p.output("out.0", "*");
        engine = p.start();

        assertThatThrownBy(() -> in.context().metrics().counter("records", "clash"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'records'");
    }
}
