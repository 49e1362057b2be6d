package io.sluice.input.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.InputPlugin;
import io.sluice.api.config.PropertySpec;
import io.sluice.api.testing.TestInputContext;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CpuInputPluginTest {

    @Test
    void isFoundByServiceLoaderAsCpuWithFluentBitsDescription() {
        assertThat(ServiceLoader.load(InputPlugin.class)).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("cpu");
            assertThat(plugin.description()).isEqualTo("CPU Usage");
        });
    }

    @Test
    void declaresIntervalAndPidWithFluentBitsDefaults() {
        assertThat(new CpuInputPlugin().properties()).extracting(PropertySpec::name, PropertySpec::defaultValue)
                .containsExactly(org.assertj.core.api.Assertions.tuple("interval_sec", "1"),
                        org.assertj.core.api.Assertions.tuple("interval_nsec", "0"),
                        org.assertj.core.api.Assertions.tuple("pid", "-1"));
    }

    @Test
    void intervalIsSecondsPlusNanosecondsAndOneSecondWhenBothAreNotPositive() {
        assertThat(settings(Map.of()).intervalNanos()).isEqualTo(1_000_000_000L);
        assertThat(settings(Map.of("Interval_Sec", "0", "Interval_NSec", "0")).intervalNanos())
                .isEqualTo(1_000_000_000L);
        assertThat(settings(Map.of("Interval_Sec", "-3")).intervalNanos()).isEqualTo(1_000_000_000L);
        assertThat(settings(Map.of("Interval_Sec", "2", "Interval_NSec", "250000000")).intervalSeconds())
                .isEqualTo(2.25);
        assertThat(settings(Map.of("Interval_Sec", "0", "Interval_NSec", "100000000")).intervalNanos())
                .isEqualTo(100_000_000L);
    }

    @Test
    void aPositivePidMeasuresOneProcessAndOtherwiseTheWholeSystem() {
        assertThat(settings(Map.of()).measuresProcess()).isFalse();
        assertThat(settings(Map.of("PID", "0")).measuresProcess()).isFalse();
        assertThat(settings(Map.of("PID", "1")).measuresProcess()).isTrue();
    }

    private static CpuSettings settings(Map<String, String> properties) {
        return CpuSettings.from(new TestInputContext(new CpuInputPlugin(), properties).config());
    }
}
