package io.sluice.input.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.sluice.testkit.TestInputContext;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The input against this machine's own {@code /proc}. */
@EnabledOnOs(OS.LINUX)
class RealProcTest {

    /** Counters are whole USER_HZ ticks, so one interval's share may be off by one tick per core. */
    private static final double ONE_TICK_PER_CORE = 1.0;

    @Test
    void aRecordFromThisMachineIsPlausible() throws Exception {
        TestInputContext context = new TestInputContext(new CpuInputPlugin(), Map.of());
        CpuInput input = new CpuInput(context, CpuSettings.from(context.config()), new File("/proc"));
        long cores = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        input.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !context.emitter().events().isEmpty());
        } finally {
            input.stop();
        }

        Map<String, Object> record = context.emitter().events().get(0).body();
        assertThat(record).hasSize((int) (3 + 3 * cores)).containsKeys("cpu_p", "user_p", "system_p", "cpu0.p_cpu");
        assertThat((Double) record.get("cpu_p")).isBetween(0.0, 100.0 + ONE_TICK_PER_CORE);
        assertThat((Double) record.get("cpu_p"))
                .isCloseTo((Double) record.get("user_p") + (Double) record.get("system_p"),
                        org.assertj.core.api.Assertions.within(1e-9));
        assertThat(record.values()).allSatisfy(v -> assertThat((Double) v).isNotNegative());
    }

    @Test
    void aRealProcessThatExitsIsNoticed() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        TestInputContext context = new TestInputContext(new CpuInputPlugin(),
                Map.of("PID", Long.toString(sleeper.pid())));
        CpuInput input = new CpuInput(context, CpuSettings.from(context.config()), new File("/proc"));
        try {
            input.takeBaseline();
            input.sampleInterval();
            assertThat(context.emitter().events()).hasSize(1);

            sleeper.destroy();
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
            input.sampleInterval();
            input.sampleInterval();
        } finally {
            sleeper.destroyForcibly();
            input.stop();
        }

        assertThat(context.emitter().events()).hasSize(1);
        assertThat(context.log().messages(Level.ERROR)).singleElement().asString().contains("process " + sleeper.pid());
    }
}
