package io.sluice.core.builtin;

import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.config.Property;
import java.util.List;

/** The {@code null} output: accepts every chunk and discards it; the engine counts what it accepted. */
public final class NullPlugin implements OutputPlugin {

    @Override
    public String name() {
        return "null";
    }

    @Override
    public String description() {
        return "Throws away events";
    }

    @Override
    public List<Property<?>> properties() {
        return List.of();
    }

    @Override
    public Output create(OutputContext context) {
        return (chunk, worker) -> FlushResult.OK;
    }
}
