package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.core.config.StorageType;
import io.sluice.core.config.ValidatedConfig;
import io.sluice.api.config.Property;
import io.sluice.core.builtin.DummyPlugin;
import io.sluice.core.builtin.NullPlugin;
import io.sluice.core.builtin.StdoutPlugin;
import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.Origin;
import io.sluice.core.config.OutputDefinition;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.ServiceSettings;
import io.sluice.core.plugin.PluginKind;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The built-in plugins running in the engine, as {@code sluice -i dummy -o stdout} would run them. */
class BuiltinPipelineTest {

    @Test
    void dummyToStdoutAsJsonLinesPrintsOneObjectPerLineWithTheDate() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StdoutPlugin stdout = new StdoutPlugin(printed);
        DummyPlugin dummy = new DummyPlugin();
        PipelineConfig config = pipeline(0.1, 0,
                new InputDefinition(TestPipeline.loaded(dummy, PluginKind.INPUT), "dummy.0", "dummy.0", 0, null, true,
                        StorageType.MEMORY, false, TestPipeline.configOf(dummy, "rate", "20", "samples", "5"),
                        Origin.COMMAND_LINE),
                new OutputDefinition(TestPipeline.loaded(stdout, PluginKind.OUTPUT), "stdout.0", null, null, 1, 1,
                        null, 0, false, TestPipeline.configOf(stdout, "format", "json_lines"), Origin.COMMAND_LINE));
        Engine engine = new Engine(config);
        engine.start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> printed.toString(StandardCharsets.UTF_8).lines().count() == 5);
        } finally {
            engine.shutdown();
        }

        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .allMatch(line -> line.matches("\\{\"date\":\\d{10}\\.\\d+,\"message\":\"dummy\"}"));
        assertThat(engine.metrics().output("stdout.0").get("proc_records")).isEqualTo(5);
    }

    /**
     * A fast dummy input (about 1 KB records, unlimited rate) into an output that may take one chunk per 20 ms: the
     * input is paused and resumed over and over, the engine's buffered bytes stay near Mem_Buf_Limit, and the heap
     * after the run has grown by less than half of the data that passed through (at most the idle chunk-array pool,
     * 16 MB, and a few buffers).
     */
    @Test
    void aFastDummyAgainstASlowOutputKeepsBufferAndHeapBounded() throws Exception {
        long limit = 4_000_000;
        Semaphore permits = new Semaphore(0);
        ScheduledExecutorService consumerClock = Executors.newSingleThreadScheduledExecutor();
        consumerClock.scheduleAtFixedRate(permits::release, 20, 20, TimeUnit.MILLISECONDS);
        DummyPlugin dummy = new DummyPlugin();
        String message = "{\"message\":\"" + "x".repeat(1_000) + "\"}";
        PipelineConfig config = pipeline(0.05, 0,
                new InputDefinition(TestPipeline.loaded(dummy, PluginKind.INPUT), "dummy.0", "dummy.0", limit, null,
                        true, StorageType.MEMORY, false,
                        TestPipeline.configOf(dummy, "rate", "10000000", "dummy", message), Origin.COMMAND_LINE),
                new OutputDefinition(TestPipeline.loaded(slowOutput(permits), PluginKind.OUTPUT), "slow.0", "*", null,
                        1, 1, null, 0, false, ValidatedConfig.empty(), Origin.COMMAND_LINE));
        long heapBefore = usedHeapAfterGc();
        AtomicLong peak = new AtomicLong();
        Engine engine = new Engine(config);
        try (LogCapture log = new LogCapture("input")) {
            engine.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> {
                peak.accumulateAndGet(engine.bufferedBytes(), Math::max);
                return System.nanoTime() - deadline >= 0;
            });
            engine.shutdown();
            consumerClock.shutdownNow();

            long passed = engine.metrics().input("dummy.0").get("bytes");
            assertThat(log.containing("dummy.0 paused (mem buf overlimit)").size()).isGreaterThan(1);
            assertThat(log.containing("dummy.0 resume (mem buf overlimit)").size()).isGreaterThan(1);
            assertThat(peak.get()).isLessThanOrEqualTo(limit + EngineTuning.SEAL_BYTES);
            assertThat(passed).isGreaterThan(64_000_000L);
            assertThat(engine.metrics().output("slow.0").get("proc_bytes")).isGreaterThan(3 * limit);
            assertThat(usedHeapAfterGc() - heapBefore).isLessThan(32_000_000L);
        } finally {
            consumerClock.shutdownNow();
            engine.shutdown();
        }
    }

    /** Like the null output, but each flush first waits for a permit of the consumer clock. */
    private static OutputPlugin slowOutput(Semaphore permits) {
        NullPlugin discard = new NullPlugin();
        return new OutputPlugin() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public String description() {
                return "discards a chunk per permit";
            }

            @Override
            public List<Property<?>> properties() {
                return List.of();
            }

            @Override
            public Output create(OutputContext context) {
                Output inner = discard.create(context);
                return (chunk, worker) -> {
                    try {
                        permits.acquire();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return FlushResult.RETRY;
                    }
                    return inner.flush(chunk, worker);
                };
            }
        };
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static PipelineConfig pipeline(double flush, int grace, InputDefinition input, OutputDefinition output) {
        ServiceSettings d = ServiceSettings.defaults();
        ServiceSettings service = d.withTiming(flush, grace, d.schedulerBase(), d.schedulerCap(),
                d.memBufLimit());
        return new PipelineConfig(service, List.of(input), List.of(), List.of(output));
    }
}
