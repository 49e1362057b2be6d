package io.sluice.core.engine;

import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import io.sluice.api.FilterPlugin;
import io.sluice.core.config.FilterDefinition;
import io.sluice.core.config.StorageType;
import io.sluice.core.config.ValidatedConfig;
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
import java.util.Random;
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
    private boolean keepRejected;
    private io.sluice.core.storage.ChunkFiles files = io.sluice.core.storage.ChunkFiles.system();
    private java.util.function.UnaryOperator<io.sluice.core.config.StorageSettings> storageTweak = s -> s;
    private long sealBytes = EngineTuning.SEAL_BYTES;
    private final List<InputDefinition> inputs = new ArrayList<>();
    private final List<FilterDefinition> filters = new ArrayList<>();
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
        keepRejected = true;
        return this;
    }

    /** Sets {@code storage.path}; inputs added with {@link #storedInput} keep their chunks there. */
    TestPipeline storage(Path storagePath) {
        storage = storagePath;
        return this;
    }

    /** Changes the other storage settings. */
    TestPipeline storageSettings(java.util.function.UnaryOperator<io.sluice.core.config.StorageSettings> tweak) {
        storageTweak = tweak;
        return this;
    }

    /** Chunk files go through {@code chunkFiles} (a fault-injecting disk). */
    TestPipeline files(io.sluice.core.storage.ChunkFiles chunkFiles) {
        files = chunkFiles;
        return this;
    }

    /** An input with {@code storage.type memrb} and {@code Mem_Buf_Limit} {@code limit}. */
    TestInput ringInput(String name, String tag, long limit) {
        TestInput input = new TestInput();
        inputs.add(new InputDefinition(loaded(input.factory(), PluginKind.INPUT), name, tag, limit, null, true,
                StorageType.MEMRB, false, ValidatedConfig.empty(), Origin.COMMAND_LINE));
        return input;
    }

    /** An input with {@code storage.type filesystem}. */
    TestInput storedInput(String name, String tag) {
        TestInput input = new TestInput();
        inputs.add(new InputDefinition(loaded(input.factory(), PluginKind.INPUT), name, tag, 0, null, true,
                StorageType.FILESYSTEM, false, ValidatedConfig.empty(), Origin.COMMAND_LINE));
        return input;
    }

    /** An output with {@code storage.total_limit_size} of {@code limit} bytes, pausing inputs instead when asked. */
    TestOutput limitedOutput(String name, String match, long limit, boolean pause) {
        TestOutput output = new TestOutput();
        outputs.add(new OutputDefinition(loaded(output.factory(), PluginKind.OUTPUT), name, match, null, -1, 1, null,
                limit, pause, ValidatedConfig.empty(), Origin.COMMAND_LINE));
        return output;
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
                StorageType.MEMORY, false, ValidatedConfig.empty(), Origin.COMMAND_LINE));
        return input;
    }

    TestOutput output(String name, String match) {
        return output(name, match, null, 1, 1);
    }

    TestOutput output(String name, String match, Pattern regex, int retryLimit, int workers) {
        TestOutput output = new TestOutput();
        outputs.add(new OutputDefinition(loaded(output.factory(), PluginKind.OUTPUT), name, match, regex, retryLimit,
                workers, null, 0, false, ValidatedConfig.empty(), Origin.COMMAND_LINE));
        return output;
    }

    void addOutput(OutputPlugin factory, String name, String match) {
        outputs.add(new OutputDefinition(loaded(factory, PluginKind.OUTPUT), name, match, null, 1, 1, null, 0, false,
                ValidatedConfig.empty(), Origin.COMMAND_LINE));
    }

    void addInput(InputPlugin factory, String name, String tag, ValidatedConfig config) {
        inputs.add(new InputDefinition(loaded(factory, PluginKind.INPUT), name, tag, 0, null, true,
                StorageType.MEMORY, false, config, Origin.COMMAND_LINE));
    }

    void addFilter(FilterPlugin factory, String name, String match, ValidatedConfig config) {
        filters.add(new FilterDefinition(loaded(factory, PluginKind.FILTER), name, match, null, null, config,
                Origin.COMMAND_LINE));
    }

    PipelineConfig config() {
        ServiceSettings d = ServiceSettings.defaults();
        ServiceSettings service = d.withTiming(flushSeconds, graceSeconds, base, cap, engineCap)
                .withStorage(storageTweak.apply(storage == null ? d.storage()
                        : d.storage().withPath(storage).withKeepRejected(keepRejected)));
        return new PipelineConfig(service, inputs, filters, outputs);
    }

    Engine engine() {
        return new Engine(config(), EngineTuning.defaults().withRetryUnit(TimeUnit.MILLISECONDS)
                .withSealBytes(sealBytes), files);
    }

    Engine start() throws EngineStartException {
        Engine engine = engine();
        engine.start();
        return engine;
    }

    /** {@code factory}'s configuration validated as at start, from {@code key, value} pairs. */
    static ValidatedConfig configOf(io.sluice.api.PluginFactory factory, String... keyValues) {
        List<io.sluice.api.config.Setting> settings = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.add(new io.sluice.api.config.Setting(keyValues[i], keyValues[i + 1]));
        }
        try {
            return io.sluice.core.config.StandaloneConfig.of(factory, settings);
        } catch (io.sluice.core.config.ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static <F extends io.sluice.api.PluginFactory> LoadedPlugin<F> loaded(F factory, PluginKind kind) {
        return LoadedPlugin.onClassPath(factory, kind);
    }

    /** A lane of one output {@code name} (Match *, one retry, seeded backoff) outside any engine, for unit tests. */
    static OutputLane lane(String name) {
        TestPipeline p = new TestPipeline();
        p.output(name, "*");
        return new OutputLane(p.config().outputs().get(0), 0, RouteRule.none(),
                new RetryPolicy(5, 20, 1, new Random(1)));
    }
}
