package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.PropertySpec;
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
            public List<PropertySpec> properties() {
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
}
