package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.support.event.EventBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emitter refuses impossible batches before appending anything, and accounts for late emits. */
class EmitValidationTest {

    private final LogCapture log = new LogCapture("engine");

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void aNegativeRecordCountIsRefusedAndTheOtherBatchesAreDelivered() throws Exception {
        TestPipeline p = new TestPipeline().flush(3600);
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*");
        Engine engine = p.start();
        in.emit(3);
        EventBuffer one = oneEvent();

        assertThatThrownBy(() -> in.emitter().emit(one.array(), 0, one.size(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        ShutdownReport report = engine.shutdown();

        assertThat(out.delivered()).hasSize(3);
        assertThat(report.metrics().input("in.0").get("records")).isEqualTo(3);
        assertThat(engine.bufferedBytes()).isZero();
    }

    @Test
    void aRangeOutsideTheArrayIsRefusedWithNothingAppended() throws Exception {
        TestPipeline p = new TestPipeline().flush(3600);
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*");
        Engine engine = p.start();
        EventBuffer one = oneEvent();

        assertThatThrownBy(() -> in.emitter().emit(one.array(), one.array().length - 1, 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in.emitter().emit(one.array(), -1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        ShutdownReport report = engine.shutdown();

        assertThat(out.calls()).isZero();
        assertThat(report.metrics().input("in.0").get("bytes")).isZero();
    }

    @Test
    void recordsEmittedAfterTheLastSealAreCountedAsUndelivered() throws Exception {
        TestPipeline p = new TestPipeline().flush(3600);
        TestInput in = p.input("in.0", "t");
        // An input thread that outlives its stop(): it emits while the outputs are being stopped.
        TestOutput out = p.output("out.0", "*").whenStopped(() -> in.emit(2));
        Engine engine = p.start();
        in.emit(3);

        ShutdownReport report = engine.shutdown();

        assertThat(out.delivered()).hasSize(3);
        assertThat(report.undeliveredRecords()).isEqualTo(2);
        assertThat(log.containing("input=in.0 emitted 2 records after it was stopped; they were not delivered"))
                .hasSize(1);
    }

    private static EventBuffer oneEvent() {
        EventBuffer buffer = new EventBuffer(64);
        buffer.beginEvent(1_700_000_000L, 0);
        buffer.writeMapHeader(1);
        buffer.writeString("seq");
        buffer.writeLong(99);
        buffer.endEvent();
        return buffer;
    }
}
