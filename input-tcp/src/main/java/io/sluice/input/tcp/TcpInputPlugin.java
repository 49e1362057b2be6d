package io.sluice.input.tcp;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.PropertySpec;
import io.sluice.api.config.PropertyType;
import java.util.List;

/**
 * The {@code tcp} input: JSON objects or separator-delimited lines over plain TCP, as Fluent Bit's in_tcp, except
 * where that one loses data. Differences: a top-level JSON array yields one record per object element (not
 * {@code {"msg":[...]}}); a scalar is skipped with a warning instead of blocking the connection; invalid JSON costs
 * only the bad line, not the whole buffer; a record over Buffer_Size is dropped but the connection stays open; a
 * pause stops reading instead of closing connections. As in Fluent Bit, Source_Address_Key applies to JSON only.
 */
public final class TcpInputPlugin implements InputPlugin {

    private static final List<PropertySpec> PROPERTIES = List.of(
            PropertySpec.of("listen", PropertyType.STRING, "0.0.0.0", "Address to listen on."),
            PropertySpec.of("port", PropertyType.INTEGER, "5170",
                    "TCP port to listen on (0 picks a free port)."),
            PropertySpec.of("buffer_size", PropertyType.STRING, null,
                    "Largest record per connection, in KB (default: Chunk_Size)."),
            PropertySpec.of("chunk_size", PropertyType.STRING, "32", "Read size per connection, in KB."),
            PropertySpec.choice("format", "json", "Payload format: json (stream of objects) or none (lines).",
                    "json", "none"),
            PropertySpec.of("separator", PropertyType.STRING, "\\n",
                    "Record separator for format none; escapes such as \\r\\n are understood."),
            PropertySpec.of("source_address_key", PropertyType.STRING, null,
                    "Key added to each JSON record with the peer address as tcp://IP:PORT."));

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public String description() {
        return "TCP";
    }

    @Override
    public List<PropertySpec> properties() {
        return PROPERTIES;
    }

    @Override
    public Input create(InputContext context) throws PluginException {
        return new TcpInput(context, TcpSettings.from(context.config(), context.logger()));
    }
}
