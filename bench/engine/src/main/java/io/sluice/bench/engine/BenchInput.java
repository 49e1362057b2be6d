package io.sluice.bench.engine;

import io.sluice.api.Emitter;
import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.config.Property;
import java.util.List;

/** An input the benchmark thread drives: it hands out the engine's emitter and obeys pause and resume. */
final class BenchInput implements InputPlugin, Input {

    private volatile Emitter emitter;
    private volatile boolean paused;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String description() {
        return "benchmark input";
    }

    @Override
    public List<Property<?>> properties() {
        return List.of();
    }

    @Override
    public Input create(InputContext context) {
        emitter = context.emitter();
        return this;
    }

    Emitter emitter() {
        return emitter;
    }

    boolean paused() {
        return paused;
    }

    @Override
    public void start() {
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public void stop() {
    }
}
