package io.sluice.bench.engine;

import io.sluice.support.ByteSink;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.config.Property;
import io.sluice.api.EventChunk;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatException;
import io.sluice.support.format.FormatOptions;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** An output that formats every chunk as json_lines into a reused buffer (or discards it) and counts records. */
final class BenchOutput implements OutputPlugin {

    private final boolean format;
    final LongAdder records = new LongAdder();
    final LongAdder bytes = new LongAdder();

    BenchOutput(boolean format) {
        this.format = format;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String description() {
        return "benchmark output";
    }

    @Override
    public List<Property<?>> properties() {
        return List.of();
    }

    @Override
    public Output create(OutputContext context) {
        EventFormatter[] formatters = new EventFormatter[context.workers()];
        ByteSink[] sinks = new ByteSink[context.workers()];
        for (int i = 0; i < formatters.length; i++) {
            formatters[i] = new EventFormatter(FormatOptions.of(Format.JSON_LINES));
            sinks[i] = new ByteSink(4 * 1024 * 1024);
        }
        return (EventChunk chunk, int worker) -> {
            if (format) {
                sinks[worker].clear();
                try {
                    formatters[worker].format(chunk, sinks[worker]);
                } catch (FormatException e) {
                    return FlushResult.ERROR;
                }
                bytes.add(sinks[worker].size());
            }
            records.add(chunk.records());
            return FlushResult.OK;
        };
    }
}
