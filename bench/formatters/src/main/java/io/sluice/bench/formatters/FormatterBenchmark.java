package io.sluice.bench.formatters;

import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatException;
import io.sluice.support.format.FormatOptions;
import io.sluice.support.format.HumanFormatter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Formats one 2 MB chunk of tcp-like records ({@code {"key 1": 123456789, "key 2": "abcdefg", "seq": N,
 * "msg": "<100 chars>"}}); every score is per record, so ops/s reads as records/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class FormatterBenchmark {

    /** Records in the chunk; {@link OperationsPerInvocation} must match. */
    static final int RECORDS = 13_600;
    private static final String MSG = "x".repeat(90) + "0123456789";

    private EventChunk chunk;
    private final ByteSink out = new ByteSink(8 << 20);
    private final ByteSink scratch = new ByteSink(1024);
    private final EventFormatter jsonLines = new EventFormatter(FormatOptions.of(Format.JSON_LINES));
    private final EventFormatter json = new EventFormatter(FormatOptions.of(Format.JSON));
    private final EventFormatter msgpack = new EventFormatter(FormatOptions.of(Format.MSGPACK));
    private final HumanFormatter human = new HumanFormatter();
    private long sink;

    /**
     * {@code distinct}: every record its own timestamp; {@code perRead}: 400 records share one, as the tcp input
     * stamps all records of one 64 KB read with the same time.
     */
    @Param({"perRead", "distinct"})
    public String timestamps;

    @Setup
    public void buildChunk() {
        EventBuffer b = new EventBuffer(2 << 20);
        for (int i = 0; i < RECORDS; i++) {
            if (timestamps.equals("distinct")) {
                b.beginEvent(1700000000L + i / 1000, (i % 1000) * 1_000_123);
            } else {
                b.beginEvent(1700000000L + i / 4000, (i / 400) * 1_000_123);
            }
            b.writeMapHeader(4);
            b.writeString("key 1");
            b.writeLong(123456789);
            b.writeString("key 2");
            b.writeString("abcdefg");
            b.writeString("seq");
            b.writeLong(i);
            b.writeString("msg");
            b.writeString(MSG);
            b.endEvent();
        }
        chunk = new EventChunk("bench", "tcp.0", b.toByteArray(), 0, b.size(), b.events());
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int jsonLines() throws FormatException {
        out.clear();
        jsonLines.format(chunk, out);
        return out.size();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int json() throws FormatException {
        out.clear();
        json.format(chunk, out);
        return out.size();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int msgpack() throws FormatException {
        out.clear();
        msgpack.format(chunk, out);
        return out.size();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long msgpackPerRecord() throws FormatException {
        sink = 0;
        msgpack.formatRecords(chunk, scratch, (array, offset, length) -> sink += length);
        return sink;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long jsonLinesPerRecord() throws FormatException {
        sink = 0;
        jsonLines.formatRecords(chunk, scratch, (array, offset, length) -> sink += length);
        return sink;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int stdoutHuman() throws FormatException {
        out.clear();
        human.format(chunk, out);
        return out.size();
    }
}
