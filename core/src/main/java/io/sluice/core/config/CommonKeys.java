package io.sluice.core.config;

import io.sluice.api.config.PropertySpec;
import io.sluice.api.config.PropertyType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The keys core handles itself for every input or output; they are never passed to the plugin. */
public final class CommonKeys {

    private static final String[] LOG_LEVELS = {"off", "error", "warn", "warning", "info", "debug", "trace"};

    /** The common input keys with their defaults, as {@code sluice -i NAME -h} lists them. */
    public static final List<PropertySpec> INPUT = List.of(
            PropertySpec.of("name", PropertyType.STRING, null, "Plugin name, or NAME://HOST:PORT"),
            PropertySpec.of("tag", PropertyType.STRING, null, "Tag of the records; defaults to the instance name"),
            PropertySpec.of("alias", PropertyType.STRING, null, "Name of the instance in logs and metrics"),
            PropertySpec.choice("log_level", null, "Log level of this instance; defaults to the service's",
                    LOG_LEVELS),
            PropertySpec.of("mem_buf_limit", PropertyType.SIZE, "0",
                    "Pause the input while its buffered bytes exceed this; 0 for no limit"),
            PropertySpec.choice("storage.type", "memory",
                    "Buffering type; filesystem and memrb currently buffer in memory", "memory", "filesystem",
                    "memrb"),
            PropertySpec.of("storage.pause_on_chunks_overlimit", PropertyType.BOOLEAN, "off",
                    "Pause the input when its chunks are over the limit"),
            PropertySpec.of("threaded", PropertyType.BOOLEAN, "false", "Run the input in its own thread"),
            PropertySpec.of("routable", PropertyType.BOOLEAN, "true",
                    "Whether its records are routed; false drops them"));

    /** The common output keys with their defaults, as {@code sluice -o NAME -h} lists them. */
    public static final List<PropertySpec> OUTPUT = List.of(
            PropertySpec.of("name", PropertyType.STRING, null, "Plugin name, or NAME://HOST:PORT/PATH"),
            PropertySpec.of("match", PropertyType.STRING, null,
                    "Tag pattern of the records to deliver; * is a wildcard"),
            PropertySpec.of("match_regex", PropertyType.STRING, null,
                    "Regular expression on the tag, anchored at the start"),
            PropertySpec.of("alias", PropertyType.STRING, null, "Name of the instance in logs and metrics"),
            PropertySpec.choice("log_level", null, "Log level of this instance; defaults to the service's",
                    LOG_LEVELS),
            PropertySpec.of("retry_limit", PropertyType.STRING, "1",
                    "Retries per chunk: a number, no_limits (or false/off) or no_retries"),
            PropertySpec.of("workers", PropertyType.INTEGER, null,
                    "Flush threads; defaults to the plugin's choice, at least 1"),
            PropertySpec.of("storage.total_limit_size", PropertyType.SIZE, null,
                    "Limit of the chunks queued for this output"));

    /** The names of {@link #INPUT}. */
    public static final Set<String> INPUT_NAMES = names(INPUT);
    /** The names of {@link #OUTPUT}. */
    public static final Set<String> OUTPUT_NAMES = names(OUTPUT);
    /** Keys of filter sections handled by core. */
    public static final Set<String> FILTER_NAMES = Set.of("name", "match", "match_regex", "alias", "log_level");

    private CommonKeys() {
    }

    /** The declaration of common key {@code key} in {@code specs}. */
    static PropertySpec spec(List<PropertySpec> specs, String key) {
        return specs.stream().filter(s -> s.name().equals(key)).findFirst().orElseThrow();
    }

    private static Set<String> names(List<PropertySpec> specs) {
        return specs.stream().map(PropertySpec::name).collect(Collectors.toUnmodifiableSet());
    }
}
