package io.sluice.core.engine;

import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import io.sluice.api.config.PluginConfig;
import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.Origin;
import io.sluice.core.config.OutputDefinition;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.ServiceSettings;
import io.sluice.core.plugin.LoadedPlugin;
import io.sluice.core.plugin.PluginKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Builds pipelines of test inputs and outputs for engine tests, with millisecond retry timing. */
final class TestPipeline {

    private double flushSeconds = 0.05;
    private int graceSeconds = 5;
    private int base = 5;
    private int cap = 2000;
    private long engineCap = ServiceSettings.DEFAULT_MEM_BUF_LIMIT;
    private Path storage;
    private long sealBytes = EngineTuning.SEAL_BYTES;
    private final List<InputDefinition> inputs = new ArrayList<>();
    private final List<OutputDefinition> outputs = new ArrayList<>();

    TestPipeline flush(double seconds) {
        flushSeconds = seconds;
        return this;
    }

    TestPipeline grace(int seconds) {
        graceSeconds = seconds;
        return this;
    }

    TestPipeline backoff(int baseMillis, int capMillis) {
        base = baseMillis;
        cap = capMillis;
        return this;
    }

    TestPipeline engineCap(long bytes) {
        engineCap = bytes;
        return this;
    }

    TestPipeline deadLetters(Path storagePath) {
        storage = storagePath;
        return this;
    }

    TestPipeline sealBytes(long bytes) {
        sealBytes = bytes;
        return this;
    }

    TestInput input(String name, String tag) {
        return input(name, tag, 0);
    }

    TestInput input(String name, String tag, long memBufLimit) {
        TestInput input = new TestInput();
        inputs.add(new InputDefinition(loaded(input.factory(), PluginKind.INPUT), name, tag, memBufLimit, null, true,
                PluginConfig.of(List.of(), Map.of()), Origin.COMMAND_LINE));
        return input;
    }

    TestOutput output(String name, String match) {
        return output(name, match, null, 1, 1);
    }

    TestOutput output(String name, String match, Pattern regex, int retryLimit, int workers) {
        TestOutput output = new TestOutput();
        outputs.add(new OutputDefinition(loaded(output.factory(), PluginKind.OUTPUT), name, match, regex, retryLimit,
                workers, null, PluginConfig.of(List.of(), Map.of()), Origin.COMMAND_LINE));
        return output;
    }

    void addOutput(OutputPlugin factory, String name, String match) {
        outputs.add(new OutputDefinition(loaded(factory, PluginKind.OUTPUT), name, match, null, 1, 1, null,
                PluginConfig.of(List.of(), Map.of()), Origin.COMMAND_LINE));
    }

    void addInput(InputPlugin factory, String name, String tag, PluginConfig config) {
        inputs.add(new InputDefinition(loaded(factory, PluginKind.INPUT), name, tag, 0, null, true, config,
                Origin.COMMAND_LINE));
    }

    PipelineConfig config() {
        ServiceSettings d = ServiceSettings.defaults();
        ServiceSettings service = new ServiceSettings(flushSeconds, graceSeconds, d.logLevel(), null, base, cap,
                false, d.httpListen(), d.httpPort(), storage, storage != null, "rejected", true, false, engineCap);
        return new PipelineConfig(service, inputs, outputs);
    }

    Engine engine() {
        return new Engine(config(), EngineTuning.defaults().withRetryUnit(TimeUnit.MILLISECONDS)
                .withSealBytes(sealBytes));
    }

    Engine start() throws EngineStartException {
        Engine engine = engine();
        engine.start();
        return engine;
    }

    static <F extends io.sluice.api.PluginFactory> LoadedPlugin<F> loaded(F factory, PluginKind kind) {
        return new LoadedPlugin<>(factory, kind, "test", "1.0", null, TestPipeline.class.getClassLoader());
    }
}
