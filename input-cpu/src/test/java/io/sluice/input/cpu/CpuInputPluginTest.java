package io.sluice.input.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.api.InputPlugin;
import io.sluice.api.config.Property;
import io.sluice.core.config.ConfigException;
import io.sluice.testkit.TestInputContext;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CpuInputPluginTest {

    @Test
    void isFoundByServiceLoaderAsCpuWithFluentBitsDescription() {
        // core's built-in inputs are on the test class path too (the testkit validates with core)
        assertThat(ServiceLoader.load(InputPlugin.class))
                .filteredOn(p -> p.getClass().getPackage() == CpuInputPlugin.class.getPackage())
                .extracting(InputPlugin::name, InputPlugin::description)
                .containsExactly(tuple("cpu", "CPU Usage"));
    }

    @Test
    void declaresIntervalAndPidWithFluentBitsDefaults() {
        assertThat(new CpuInputPlugin().properties()).extracting(Property::name, Property::defaultValue)
                .containsExactly(tuple("interval_sec", "1"), tuple("interval_nsec", "0"), tuple("pid", "-1"));
    }

    @Test
    void intervalIsSecondsPlusNanosecondsAndOneSecondWhenBothAreZero() {
        assertThat(settings(Map.of()).intervalNanos()).isEqualTo(1_000_000_000L);
        assertThat(settings(Map.of("Interval_Sec", "0", "Interval_NSec", "0")).intervalNanos())
                .isEqualTo(1_000_000_000L);
        assertThat(settings(Map.of("Interval_Sec", "2", "Interval_NSec", "250000000")).intervalSeconds())
                .isEqualTo(2.25);
        assertThat(settings(Map.of("Interval_Sec", "0", "Interval_NSec", "100000000")).intervalNanos())
                .isEqualTo(100_000_000L);
        assertThat(settings(Map.of("Interval_Sec", "0", "Interval_NSec", "999999999")).intervalNanos())
                .isEqualTo(999_999_999L);
    }

    @Test
    void theLongestIntervalDoesNotOverflow() {
        assertThat(settings(Map.of("Interval_Sec", "2147483647", "Interval_NSec", "999999999")).intervalNanos())
                .isEqualTo(2_147_483_647_999_999_999L);
    }

    @Test
    void aNegativeIntervalIsRefusedWithTheRange() {
        assertThat(refusal("Interval_Sec", "-1")).contains("'-1'").contains("at least 0");
        assertThat(refusal("Interval_NSec", "-1")).contains("'-1'").contains("from 0 to 999999999");
    }

    @Test
    void nanosecondsOfAWholeSecondOrMoreAreRefusedWithTheRange() {
        assertThat(refusal("Interval_NSec", "1000000000")).contains("'1000000000'")
                .contains("from 0 to 999999999");
    }

    @Test
    void aPositivePidMeasuresOneProcessAndMinusOneTheWholeSystem() {
        assertThat(settings(Map.of()).measuresProcess()).isFalse();
        assertThat(settings(Map.of("PID", "-1")).measuresProcess()).isFalse();
        assertThat(settings(Map.of("PID", "1")).measuresProcess()).isTrue();
        assertThat(settings(Map.of("PID", "4242")).pid()).isEqualTo(4242);
    }

    @Test
    void aPidThatIsNeitherAProcessNorMinusOneIsRefused() {
        assertThat(refusal("PID", "0")).contains("invalid PID 0").contains("-1 for the whole system")
                .contains("at least 1");
        assertThat(refusal("PID", "-2")).contains("invalid PID -2").contains("-1 for the whole system")
                .contains("at least 1");
        assertThat(refusal("PID", "self")).contains("'self'").contains("whole number");
    }

    private static CpuSettings settings(Map<String, String> properties) {
        return CpuSettings.from(new TestInputContext(new CpuInputPlugin(), properties).config());
    }

    /** Core's message refusing {@code key value}, after checking that core blames {@code key}. */
    private static String refusal(String key, String value) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> new TestInputContext(new CpuInputPlugin(), Map.of(key, value)));
        assertThat(e).as("%s %s is refused", key, value).isNotNull();
        // the testkit's message leaves the key out; core's exception carries it
        assertThat(e.getCause()).isInstanceOfSatisfying(ConfigException.class,
                c -> assertThat(c.key()).isEqualTo(key.toLowerCase(Locale.ROOT)));
        return e.getMessage();
    }
}
