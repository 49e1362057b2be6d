package io.sluice.core.builtin;

import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.Property;
import io.sluice.support.format.FormatOptions;
import java.io.OutputStream;
import java.util.List;

/** The {@code stdout} output: prints events in Fluent Bit's human form or as JSON. */
public final class StdoutPlugin implements OutputPlugin {

    private final OutputStream stream;
    private final Runnable onClosed;

    /** Prints to the process's standard output; a closed stdout stops sluice as SIGTERM would. */
    public StdoutPlugin() {
        // the file descriptor itself, not System.out: a PrintStream hides write errors such as a closed pipe
        this(new java.io.FileOutputStream(java.io.FileDescriptor.out),
                () -> sun.misc.Signal.raise(new sun.misc.Signal("TERM")));
    }

    /** Prints to {@code stream} instead, for tests. */
    public StdoutPlugin(OutputStream stream) {
        this(stream, () -> { });
    }

    /** Prints to {@code stream}; runs {@code onClosed} once when it reports a broken pipe. */
    public StdoutPlugin(OutputStream stream, Runnable onClosed) {
        this.stream = stream;
        this.onClosed = onClosed;
    }

    @Override
    public String name() {
        return "stdout";
    }

    @Override
    public String description() {
        return "Prints events to STDOUT";
    }

    @Override
    public List<Property<?>> properties() {
        return FormatOptions.properties("msgpack", "msgpack", "json", "json_stream", "json_lines");
    }

    @Override
    public int defaultWorkers() {
        return 1;
    }

    @Override
    public Output create(OutputContext context) throws PluginException {
        try {
            return new StdoutOutput(context, FormatOptions.from(context), stream, onClosed);
        } catch (IllegalArgumentException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }
}
