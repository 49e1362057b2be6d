package io.sluice.core.config;

import io.sluice.api.OutputPlugin;
import io.sluice.api.config.Property;
import io.sluice.core.plugin.LoadedPlugin;
import io.sluice.core.plugin.PluginFailure;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The keys core handles itself for every input, filter or output instance; never passed to the plugin. */
public final class CommonKeys {

    /** The largest {@code workers}: each is a thread and, for network outputs, a connection. */
    public static final int MAX_WORKERS = 64;

    public static final Property<String> NAME = Property.string("name", "Plugin name, or NAME://HOST:PORT/PATH");
    public static final Property<String> TAG = Property.string("tag",
            "Tag of the records; defaults to the instance name");
    public static final Property<String> ALIAS = Property.string("alias", "Name of the instance in logs and metrics");
    public static final Property<String> LOG_LEVEL = Property.choice("log_level",
            "Log level of this instance; defaults to the service's", "off", "error", "warn", "warning", "info",
            "debug", "trace");
    public static final Property<Long> MEM_BUF_LIMIT = Property.size("mem_buf_limit",
            "Pause the input while its buffered bytes exceed this; 0 for no limit").withDefault("0");
    public static final Property<String> STORAGE_TYPE = Property.choice("storage.type",
            "Where the input's chunks live: memory, filesystem (under storage.path, survives restarts) or memrb "
                    + "(memory ring buffer: oldest chunks dropped instead of pausing)",
            "memory", "filesystem", "memrb");
    public static final Property<Boolean> STORAGE_PAUSE_ON_CHUNKS_OVERLIMIT = Property.bool(
            "storage.pause_on_chunks_overlimit",
            "Pause the input while storage.max_chunks_up chunks are in memory (filesystem inputs)").withDefault("off");
    public static final Property<Boolean> THREADED = Property.bool("threaded",
            "Accepted for compatibility: every sluice input already runs on its own thread").withDefault("false");
    public static final Property<Boolean> ROUTABLE = Property.bool("routable",
            "Whether its records are routed; false drops them (counted)").withDefault("true");

    public static final Property<String> MATCH = Property.string("match",
            "Tag pattern of the records to take; * is a wildcard");
    public static final Property<Pattern> MATCH_REGEX = Property.regex("match_regex",
            "Regular expression on the tag, anchored at the start");
    public static final Property<String> RETRY_LIMIT = Property.string("retry_limit",
            "Retries per chunk: a number of at least 1, no_limits (or false/off) or no_retries").withDefault("1");
    public static final Property<Integer> WORKERS = Property.integer("workers",
            "Flush threads; defaults to the plugin's choice").range(1, MAX_WORKERS);
    public static final Property<Long> STORAGE_TOTAL_LIMIT_SIZE = Property.size("storage.total_limit_size",
            "Limit of the bytes queued on disk for this output; oldest chunks are dropped for it (or the inputs "
                    + "pause, with storage.overflow_action pause)");
    public static final Property<String> STORAGE_OVERFLOW_ACTION = Property.choice("storage.overflow_action",
            "What storage.total_limit_size does when reached: drop_oldest (Fluent Bit's way) or pause the inputs",
            "drop_oldest", "pause").withDefault("drop_oldest");

    public static final Property<String> ACTIVE = Property.string("active",
            "off (false, no) or 0 leaves the filter out").withDefault("on");
    public static final Property<Duration> LOG_SUPPRESS_INTERVAL = Property.time("log_suppress_interval",
            "Accepted for compatibility: repeated lines of outside problems are always limited").withDefault("0");

    /** The common input keys, as {@code sluice -i NAME -h} lists them. */
    public static final List<Property<?>> INPUT = List.of(NAME, TAG, ALIAS, LOG_LEVEL, MEM_BUF_LIMIT, STORAGE_TYPE,
            STORAGE_PAUSE_ON_CHUNKS_OVERLIMIT, THREADED, ROUTABLE);

    /** The common filter keys, as {@code sluice -F NAME -h} lists them. */
    public static final List<Property<?>> FILTER = List.of(NAME, MATCH, MATCH_REGEX, ALIAS, LOG_LEVEL, ACTIVE,
            LOG_SUPPRESS_INTERVAL);

    /** The common output keys, as {@code sluice -o NAME -h} lists them. */
    public static final List<Property<?>> OUTPUT = List.of(NAME, MATCH, MATCH_REGEX, ALIAS, LOG_LEVEL, RETRY_LIMIT,
            WORKERS, STORAGE_TOTAL_LIMIT_SIZE, STORAGE_OVERFLOW_ACTION);

    private CommonKeys() {
    }

    /**
     * An output plugin's default {@code Workers}: what its {@code defaultWorkers()} says, kept within 1 and
     * {@link #MAX_WORKERS}; both the configuration and {@code -h} use it.
     *
     * @throws PluginFailure when the plugin's method throws
     */
    public static int defaultWorkers(LoadedPlugin<OutputPlugin> plugin) throws PluginFailure {
        int n = plugin.call(() -> plugin.factory().defaultWorkers());
        return Math.max(1, Math.min(MAX_WORKERS, n));
    }
}
