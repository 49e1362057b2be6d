package io.sluice.bench.filters;

import io.sluice.api.EventBatch;
import io.sluice.api.Filter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records per second through grep (one key) → modify (one Set, one Rename) → record_modifier (one Record) on one
 * thread, in 400-record batches of tcp-like records ({@code {"key 1": 123456789, "key 2": "abcdefg", "seq": N,
 * "msg": "<100 chars>"}}); every score is per record, so ops/s reads as records/s. The single-filter benchmarks
 * show where the time goes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class FilterChainBenchmark {

    private EventBatch[] batches;
    private Chain chain;
    private Chain grep;
    private Chain modify;
    private Chain recordModifier;

    @Setup
    public void setUp() {
        batches = Chain.batches();
        chain = Chain.standard();
        grep = new Chain(List.<Filter>of(Chain.grep()));
        modify = new Chain(List.<Filter>of(Chain.modify()));
        recordModifier = new Chain(List.<Filter>of(Chain.recordModifier()));
    }

    private static int all(Chain c, EventBatch[] batches) {
        int n = 0;
        for (EventBatch b : batches) {
            n += c.run(b);
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(Chain.RECORDS)
    public int chain() {
        return all(chain, batches);
    }

    @Benchmark
    @OperationsPerInvocation(Chain.RECORDS)
    public int grepOnly() {
        return all(grep, batches);
    }

    @Benchmark
    @OperationsPerInvocation(Chain.RECORDS)
    public int modifyOnly() {
        return all(modify, batches);
    }

    @Benchmark
    @OperationsPerInvocation(Chain.RECORDS)
    public int recordModifierOnly() {
        return all(recordModifier, batches);
    }
}
