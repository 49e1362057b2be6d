package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.FlushResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java Errors and stray interrupts from plugin code cost a retry or a log line, never an engine thread. */
class PluginErrorTest {

    private final LogCapture log = new LogCapture("engine");
    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
        log.close();
    }

    @Test
    void anErrorThrownByFlushIsRetriedAndTheWorkerKeepsFlushing() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02).backoff(5, 20);
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*", null, 3, 1).answering((c, call, w) -> {
            if (call == 1) {
                throw new NoClassDefFoundError("com/acme/Missing");
            }
            return FlushResult.OK;
        });
        engine = p.start();

        in.emit(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 3);
        in.emit(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 5);
        assertThat(engine.metrics().output("out.0").get("retries")).isEqualTo(1);
        assertThat(log.containing("NoClassDefFoundError: com/acme/Missing (a class is missing from the plugin jar or failed to initialise); treated as RETRY")).hasSize(1);
    }

    @Test
    void aFlushThatLeavesItsThreadInterruptedDoesNotEndTheWorker() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02);
        TestInput in = p.input("in.0", "t");
        TestOutput out = p.output("out.0", "*").answering((c, call, w) -> {
            Thread.currentThread().interrupt();
            return FlushResult.OK;
        });
        engine = p.start();

        in.emit(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 1);
        in.emit(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 2);
    }

    @Test
    void anErrorFromAnInputsResumeDoesNotStopTimedSealing() throws Exception {
        TestPipeline p = new TestPipeline().flush(0.02);
        AtomicInteger resumeCalls = new AtomicInteger();
        TestInput limited = p.input("limited.0", "a", 200).whenResumed(() -> {
            resumeCalls.incrementAndGet();
            throw new AssertionError("resume broke");
        });
        TestInput other = p.input("other.0", "b");
        TestOutput out = p.output("out.0", "*");
        engine = p.start();
        limited.emit(5, 100);
        // Only one chunk is released, so one resume may come from its release; the second is surely a tick's.
        await().atMost(Duration.ofSeconds(5)).until(() -> resumeCalls.get() >= 2);

        other.emit(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 8);
    }
}
