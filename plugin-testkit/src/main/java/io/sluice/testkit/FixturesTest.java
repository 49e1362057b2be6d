package io.sluice.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.event.EventBuffer;
import io.sluice.api.event.EventTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixtures catch what core would catch, so plugin tests built on them can fail. */
class FixturesTest {

    @Test
    void recordingEmitterRejectsABatchWhoseCountDisagreesWithItsBytes() {
        EventBuffer two = new EventBuffer(64);
        two.writeEvent(new EventTime(1, 0), Map.of("a", 1L));
        two.writeEvent(new EventTime(2, 0), Map.of("b", 2L));
        RecordingEmitter emitter = new RecordingEmitter();

        assertThatThrownBy(() -> emitter.emit(two.array(), 0, two.size(), 1)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("emitted 1 records but the bytes hold 2");
        emitter.emit(two);
        assertThat(emitter.bodies()).containsExactly(Map.of("a", 1L), Map.of("b", 2L));
    }

    @Test
    void countingMetricsRefusesTheEngineCountersAndCountsThePluginsOwn() {
        CountingMetrics metrics = new CountingMetrics();

        assertThatThrownBy(() -> metrics.counter("dropped_records", "")).isInstanceOf(IllegalArgumentException.class);
        metrics.counter("invalid_json", "lines that are not JSON").add(3);
        metrics.counter("invalid_json", "lines that are not JSON").increment();
        assertThat(metrics.value("invalid_json")).isEqualTo(4);
        assertThat(metrics.value("never_registered")).isZero();
    }
}
