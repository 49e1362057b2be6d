package io.sluice.input.tcp;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.util.List;

/**
 * The {@code tcp} input: JSON objects or separator-delimited lines over plain TCP, as Fluent Bit's in_tcp, except
 * where that one loses or changes data. Differences: a top-level JSON array yields one record per object element
 * (not {@code {"msg":[...]}}); a scalar is skipped with a warning instead of blocking the connection; invalid JSON
 * costs only the broken record or stretch of garbage (decoding resumes at the next object start), not the whole
 * buffer; a record over Buffer_Size is dropped but the connection stays open; values are kept exactly (integers
 * beyond 64 bits and floats beyond float64 as strings of their digits, where Fluent Bit rounds them to a double or
 * infinity; {@code -0} as float64 −0.0), invalid UTF-8 is replaced with U+FFFD and undefined escapes are kept as
 * written, each counted, where Fluent Bit drops the buffer; format none emits the last piece of a connection that
 * closes without a separator and understands {@code \0} (NUL) as a separator; a pause stops reading instead of
 * closing connections; Chunk_Size and Buffer_Size must be whole numbers of KB, where Fluent Bit reads only the
 * leading digits ({@code 32k} as 32); Workers defaults to one per processor (at most 4), where Fluent Bit's is 1.
 * As in Fluent Bit, Source_Address_Key applies to JSON only.
 */
public final class TcpInputPlugin implements InputPlugin {

    /** The largest Chunk_Size and Buffer_Size in KB: 1 GiB, so that the size in bytes still fits an int. */
    static final int MAX_KB = 1_048_576;
    /** The {@link #FORMAT} of a stream of JSON values; the other is {@code none}, separated lines. */
    static final String JSON = "json";

    static final Property<String> LISTEN = Property.string("listen", "Address to listen on.").withDefault("0.0.0.0");
    static final Property<Integer> PORT = Property.integer("port", "TCP port to listen on (0 picks a free port).")
            .withDefault("5170").range(0, 65535);
    static final Property<Integer> BUFFER_SIZE = Property.integer("buffer_size",
            "Largest record per connection, in KB (default: Chunk_Size).").range(1, MAX_KB);
    static final Property<Integer> CHUNK_SIZE = Property.integer("chunk_size",
            "Read size per connection, in KB (reads take at most 1024 KB).").withDefault("32").range(1, MAX_KB);
    static final Property<String> FORMAT = Property.choice("format",
            "Payload format: json (stream of objects) or none (lines).", JSON, "none").withDefault(JSON);
    static final Property<String> SEPARATOR = Property.string("separator",
            "Record separator for format none; escapes such as \\r\\n and \\0 (NUL) are understood.")
            .withDefault("\\n");
    static final Property<String> SOURCE_ADDRESS_KEY = Property.string("source_address_key",
            "Key added to each JSON record with the peer address as tcp://IP:PORT.");
    static final Property<Integer> WORKERS = Property.integer("workers",
            "Selector threads reading connections, which are spread across them (default: one per available "
                    + "processor, at most 4).").range(1, 64);

    private static final List<Property<?>> PROPERTIES = List.of(LISTEN, PORT, BUFFER_SIZE, CHUNK_SIZE, FORMAT,
            SEPARATOR, SOURCE_ADDRESS_KEY, WORKERS);

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public String description() {
        return "TCP";
    }

    @Override
    public List<Property<?>> properties() {
        return PROPERTIES;
    }

    /** Refuses a separator that unescapes to nothing, which no type can express: it would never split the stream. */
    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        if (TcpSettings.unescape(config.get(SEPARATOR)).length == 0) {
            throw new InvalidConfigException(SEPARATOR,
                    "Separator must not be empty: expected one or more bytes, such as \\n or \\r\\n");
        }
    }

    @Override
    public Input create(InputContext context) throws PluginException {
        return new TcpInput(context, TcpSettings.from(context.config()));
    }
}
