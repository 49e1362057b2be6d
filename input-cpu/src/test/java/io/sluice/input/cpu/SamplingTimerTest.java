package io.sluice.input.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.testkit.TestInputContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplingTimerTest {

    @TempDir
    Path dir;

    @Test
    void theTimerEmitsOneRecordPerIntervalAndStopEndsItsThread() throws Exception {
        ProcFixture proc = new ProcFixture(dir).idleTwoCores(1000);
        TestInputContext context = new TestInputContext(new CpuInputPlugin(), 
                Map.of("Interval_Sec", "0", "Interval_NSec", "100000000"));
        CpuInput input = proc.input(context);
        input.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> context.emitter().events().size() >= 2);
        } finally {
            input.stop();
        }

        assertThat(context.emitter().events().get(0).body()).containsKeys("cpu_p", "cpu1.p_system");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("input:cpu:"));
    }
}
