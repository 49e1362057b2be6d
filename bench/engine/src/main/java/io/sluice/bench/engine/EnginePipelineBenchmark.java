package io.sluice.bench.engine;

import io.sluice.support.event.EventBuffer;
import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.Origin;
import io.sluice.core.config.OutputDefinition;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.ServiceSettings;
import io.sluice.core.config.StorageType;
import io.sluice.core.config.ValidatedConfig;
import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineTuning;
import io.sluice.core.plugin.LoadedPlugin;
import io.sluice.core.plugin.PluginKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The engine's hot path end to end: the benchmark thread encodes batches of records
 * {@code {"key 1": 123456789, "key 2": "abcdefg", "seq": N, "msg": "<100 chars>"}} and emits them; the engine copies
 * them into chunks, seals and routes them; one output worker formats each chunk as json_lines. The input honours
 * pause and resume, so with the output slower than the input the score is the whole pipeline's rate, in records/s,
 * with memory held at Mem_Buf_Limit. {@code output=discard} leaves out the formatting; {@code pooledBytes=0} turns
 * chunk-array pooling off.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class EnginePipelineBenchmark {

    private static final int BATCH = 256;
    private static final byte[] KEY1 = "key 1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY2 = "key 2".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE2 = "abcdefg".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEQ = "seq".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MSG = "msg".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = ("The quick brown fox jumps over the lazy dog while the engine copies bytes, "
            + "not objects, into chunks.").substring(0, 100).getBytes(StandardCharsets.UTF_8);

    @Param({"json_lines", "discard"})
    public String output;

    @Param({"16000000", "0"})
    public long pooledBytes;

    private Engine engine;
    private BenchInput input;
    private BenchOutput sink;
    private final EventBuffer batch = new EventBuffer(64 * 1024);
    private long seq;
    private long startedNanos;

    @Setup(Level.Trial)
    public void start() throws Exception {
        input = new BenchInput();
        sink = new BenchOutput(output.equals("json_lines"));
        ServiceSettings d = ServiceSettings.defaults();
        ServiceSettings service = d.withTiming(1.0, 5, d.schedulerBase(), d.schedulerCap(), d.memBufLimit())
                .withLogLevel("off");
        PipelineConfig config = new PipelineConfig(service,
                List.of(new InputDefinition(loaded(input, PluginKind.INPUT), "bench.0", "bench.0", 8_000_000, null,
                        true, StorageType.MEMORY, false, ValidatedConfig.empty(), Origin.COMMAND_LINE)),
                List.of(),
                List.of(new OutputDefinition(loaded(sink, PluginKind.OUTPUT), "bench.1", "*", null, 1, 1, null, 0,
                        false, ValidatedConfig.empty(), Origin.COMMAND_LINE)));
        EngineTuning defaults = EngineTuning.defaults();
        engine = new Engine(config, new EngineTuning(defaults.retryUnit(), defaults.sealBytes(), defaults.random(),
                pooledBytes));
        engine.start();
        startedNanos = System.nanoTime();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void emitBatch() {
        while (input.paused()) {
            // a paused real input sleeps in its selector or timer; spinning here would steal a core from the workers
            LockSupport.parkNanos(20_000);
        }
        Instant now = Instant.now();
        for (int i = 0; i < BATCH; i++) {
            batch.beginEvent(now.getEpochSecond(), now.getNano());
            batch.writeMapHeader(4);
            batch.writeString(KEY1, 0, KEY1.length);
            batch.writeLong(123_456_789);
            batch.writeString(KEY2, 0, KEY2.length);
            batch.writeString(VALUE2, 0, VALUE2.length);
            batch.writeString(SEQ, 0, SEQ.length);
            batch.writeLong(seq++);
            batch.writeString(MSG, 0, MSG.length);
            batch.writeString(TEXT, 0, TEXT.length);
            batch.endEvent();
        }
        batch.emitTo(input.emitter());
    }

    @TearDown(Level.Trial)
    public void stop() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        engine.shutdown();
        long delivered = sink.records.sum();
        System.out.printf("%n[engine bench] output=%s pooledBytes=%d: %d records emitted, %d delivered in %.1f s "
                        + "= %.0f records/s delivered, %.1f MB/s json_lines%n", output, pooledBytes, seq, delivered,
                seconds, delivered / seconds, sink.bytes.sum() / seconds / 1e6);
    }

    private static <F extends io.sluice.api.PluginFactory> LoadedPlugin<F> loaded(F factory, PluginKind kind) {
        return LoadedPlugin.onClassPath(factory, kind);
    }
}
