package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartFailureTest {

    @Test
    void anOutputThatCannotBeCreatedFailsTheStartNamingTheInstanceAndTheReason() {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        TestOutput good = p.output("good.0", "*");
        p.addOutput(new OutputPlugin() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String description() {
                return "fails";
            }

            @Override
            public List<Property<?>> properties() {
                return List.of();
            }

            @Override
            public Output create(OutputContext context) throws PluginException {
                throw new PluginException("cannot resolve host 'nowhere'");
            }
        }, "broken.1", "*");
        Engine engine = p.engine();

        assertThatThrownBy(engine::start).isInstanceOf(EngineStartException.class)
                .hasMessage("output 'broken.1' (broken) failed to start: cannot resolve host 'nowhere'");
        assertThat(good.stopped()).isTrue();
        assertThat(in.context()).isNull();
    }

    @Test
    void anOutputWhoseStartMissesAClassFailsTheStartNamingTheInstance() {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "t");
        TestOutput good = p.output("good.0", "*");
        p.addOutput(new OutputPlugin() {
            @Override
            public String name() {
                return "linked";
            }

            @Override
            public String description() {
                return "misses a class";
            }

            @Override
            public List<Property<?>> properties() {
                return List.of();
            }

            @Override
            public Output create(OutputContext context) {
                return new Output() {
                    @Override
                    public void start() {
                        throw new NoClassDefFoundError("com/acme/Missing");
                    }

                    @Override
                    public io.sluice.api.FlushResult flush(io.sluice.api.EventChunk chunk, int worker) {
                        return io.sluice.api.FlushResult.OK;
                    }

                    @Override
                    public void stop() {
                    }
                };
            }
        }, "linked.1", "*");
        Engine engine = p.engine();

        assertThatThrownBy(engine::start).isInstanceOf(EngineStartException.class)
                .hasMessage("output 'linked.1' (linked) failed to start: NoClassDefFoundError: com/acme/Missing (a class is missing from the plugin jar or failed to initialise)")
                .hasCauseInstanceOf(NoClassDefFoundError.class);
        assertThat(good.stopped()).isTrue();
        assertThat(in.context()).isNull();
    }

    @Test
    void anInputWhoseStartThrowsAnErrorFailsTheStartAndStopsTheOutputs() {
        TestPipeline p = new TestPipeline();
        p.addInput(new io.sluice.api.InputPlugin() {
            @Override
            public String name() {
                return "static_init";
            }

            @Override
            public String description() {
                return "fails in a static initialiser";
            }

            @Override
            public List<Property<?>> properties() {
                return List.of();
            }

            @Override
            public io.sluice.api.Input create(io.sluice.api.InputContext context) {
                throw new ExceptionInInitializerError("bad static state");
            }
        }, "init.0", "t", io.sluice.core.config.ValidatedConfig.empty());
        TestOutput out = p.output("out.0", "*");
        Engine engine = p.engine();

        assertThatThrownBy(engine::start).isInstanceOf(EngineStartException.class)
                .hasMessage("input 'init.0' (static_init) failed to start: ExceptionInInitializerError: bad static state (a class is missing from the plugin jar or failed to initialise)");
        assertThat(out.stopped()).isTrue();
    }
}
