package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.Property;
import io.sluice.core.config.ValidatedConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hot reload is all or nothing: what is unchanged keeps running, and a part that cannot start changes nothing. */
class ReloadTest {

    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
    }

    @Test
    void unchangedInstancesKeepRunningAndNewOutputsTakeWhatComesNext() throws Exception {
        TestPipeline first = new TestPipeline();
        TestInput in = first.input("in.0", "app");
        TestOutput a = first.output("a.0", "app");
        engine = first.start();
        in.emit(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.delivered().size() == 3);

        TestPipeline second = new TestPipeline();
        second.input("in.0", "app");
        second.output("a.0", "app");
        TestOutput b = second.output("b.1", "app");
        ReloadReport report = engine.reload(second.config());
        in.emit(4);

        assertThat(report.keptInputs()).isEqualTo(1);
        assertThat(report.keptOutputs()).isEqualTo(1);
        assertThat(report.newOutputs()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.delivered().size() == 4 && a.delivered().size() == 7);
        assertThat(b.delivered()).containsExactly(3L, 4L, 5L, 6L);
        assertThat(a.delivered()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(in.stopped()).isFalse();
        assertThat(a.stopped()).isFalse();
    }

    @Test
    void aNewInputThatCannotStartLeavesTheRunningPipelineExactlyAsItWas() throws Exception {
        TestPipeline first = new TestPipeline();
        TestInput in = first.input("in.0", "app");
        TestOutput before = first.output("before.0", "app");
        engine = first.start();

        TestPipeline second = new TestPipeline();
        second.input("in.0", "app");
        TestOutput after = second.output("after.0", "app");
        second.addInput(failingToStart("port 5170 is in use"), "tcp.1", "tcp", ValidatedConfig.empty());

        assertThatThrownBy(() -> engine.reload(second.config())).isInstanceOf(EngineStartException.class)
                .hasMessageContaining("tcp.1").hasMessageContaining("port 5170 is in use");
        in.emit(5);

        await().atMost(Duration.ofSeconds(5)).until(() -> before.delivered().size() == 5);
        assertThat(after.calls()).isZero();
        assertThat(after.stopped()).isTrue();
        assertThat(in.stopped()).isFalse();
    }

    @Test
    void aChangedInputThatCannotStartRunsAgainAsBeforeAndNothingElseChanges() throws Exception {
        TestPipeline first = new TestPipeline();
        TestInput in = first.input("in.0", "app");
        TestOutput before = first.output("before.0", "app");
        engine = first.start();
        in.emit(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> before.delivered().size() == 2);

        TestPipeline second = new TestPipeline();
        second.addInput(failingToStart("address already in use"), "in.0", "app", ValidatedConfig.empty());
        TestOutput after = second.output("after.0", "app");

        assertThatThrownBy(() -> engine.reload(second.config())).isInstanceOf(EngineStartException.class)
                .hasMessageContaining("in.0").hasMessageContaining("address already in use");
        in.emit(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> before.delivered().size() == 5);
        assertThat(before.delivered()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(after.calls()).isZero();
    }

    private static InputPlugin failingToStart(String reason) {
        return new InputPlugin() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public String description() {
                return "cannot start";
            }

            @Override
            public List<Property<?>> properties() {
                return List.of();
            }

            @Override
            public Input create(InputContext context) {
                return new Input() {
                    @Override
                    public void start() throws PluginException {
                        throw new PluginException(reason);
                    }

                    @Override
                    public void pause() {
                    }

                    @Override
                    public void resume() {
                    }

                    @Override
                    public void stop() {
                    }
                };
            }
        };
    }
}
