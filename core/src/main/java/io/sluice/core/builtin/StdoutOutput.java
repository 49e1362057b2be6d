package io.sluice.core.builtin;

import io.sluice.support.ByteSink;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.EventChunk;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatException;
import io.sluice.support.format.FormatOptions;
import io.sluice.support.format.HumanFormatter;
import io.sluice.api.RateLimitedLog;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Formats each chunk into a per-worker buffer and writes it to the stream in one call, so chunks printed by
 * several workers never interleave. {@code msgpack} prints the human form; {@code json} and {@code json_stream}
 * end the chunk with a newline, {@code json_lines} ends every record with one.
 */
final class StdoutOutput implements Output {

    private final OutputStream stream;
    private final Format format;
    private final EventFormatter[] formatters;
    private final HumanFormatter[] humans;
    private final ByteSink[] buffers;
    private final RateLimitedLog log;
    private final OutputContext context;
    private final Runnable onClosed;
    private volatile boolean closed;

    StdoutOutput(OutputContext context, FormatOptions options, OutputStream stream, Runnable onClosed) {
        this.context = context;
        this.onClosed = onClosed;
        this.stream = stream;
        this.format = options.format();
        int workers = Math.max(1, context.workers());
        this.formatters = new EventFormatter[workers];
        this.humans = new HumanFormatter[workers];
        this.buffers = new ByteSink[workers];
        for (int i = 0; i < workers; i++) {
            formatters[i] = new EventFormatter(options);
            humans[i] = new HumanFormatter();
            buffers[i] = new ByteSink(64 * 1024);
        }
        this.log = context.rateLimitedLog();
    }

    private static boolean isBrokenPipe(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Broken pipe") || m.contains("EPIPE"));
    }

    @Override
    public FlushResult flush(EventChunk chunk, int worker) {
        if (closed) {
            return FlushResult.ERROR;
        }
        ByteSink out = buffers[worker];
        out.clear();
        try {
            if (format == Format.MSGPACK) {
                humans[worker].format(chunk, out);
            } else {
                formatters[worker].format(chunk, out);
                if (format == Format.JSON || format == Format.JSON_STREAM) {
                    out.write('\n');
                }
            }
        } catch (FormatException e) {
            log.error("format", null, "cannot print chunk '{}' ({} records): {}", chunk.id(), chunk.records(),
                    e.getMessage());
            return FlushResult.ERROR;
        }
        try {
            synchronized (stream) {
                stream.write(out.array(), 0, out.size());
                stream.flush();
                if (stream instanceof java.io.PrintStream print && print.checkError()) {
                    throw new IOException("the stream reported a write error");
                }
            }
        } catch (IOException e) {
            if (closed || isBrokenPipe(e)) {
                // nobody reads stdout any more (`sluice … | head -2`): stop as a shell pipeline expects, and do not
                // retry what can never be printed
                if (!closed) {
                    closed = true;
                    context.logger().info("stdout is closed (broken pipe): stopping sluice");
                    onClosed.run();
                }
                return FlushResult.ERROR;
            }
            log.error("write", null, "cannot write to stdout: {}", e.toString());
            return FlushResult.RETRY;
        }
        if (out.array().length > 4 * 1024 * 1024) {
            buffers[worker] = new ByteSink(64 * 1024);
        }
        return FlushResult.OK;
    }
}
