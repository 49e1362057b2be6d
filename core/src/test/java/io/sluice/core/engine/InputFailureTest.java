package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An input that reports it failed for good: logged and passed on once, so the service stops with an error. */
class InputFailureTest {

    @Test
    void aReportedFailureIsLoggedAndPassedToTheListenerOnce() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "app");
        p.output("out.0", "*");
        List<String> reasons = new CopyOnWriteArrayList<>();
        try (LogCapture log = new LogCapture("engine")) {
            Engine engine = p.start();
            engine.onFailure(reasons::add);

            in.context().reportFailure("selector died", new IllegalStateException("closed"));
            in.context().reportFailure("again", null);
            engine.shutdown();

            assertThat(reasons).containsExactly("input in.0 failed: selector died");
            assertThat(log.containing("input in.0 failed: selector died (java.lang.IllegalStateException: closed)"))
                    .hasSize(1);
        }
    }
}
