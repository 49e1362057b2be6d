package io.sluice.core.config;

import io.sluice.api.FilterPlugin;
import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginFactory;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.Property;
import io.sluice.core.plugin.LoadedPlugin;
import io.sluice.core.plugin.PluginCatalog;
import io.sluice.core.plugin.PluginFailure;
import io.sluice.core.plugin.PluginKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns one expanded INPUT, FILTER or OUTPUT section into a validated instance definition: common keys and plugin
 * properties checked against their declarations, then the plugin's own {@code validate} hook.
 */
final class InstanceReader {

    private final PluginCatalog catalog;
    private final Consumer<String> warnings;

    InstanceReader(PluginCatalog catalog, Consumer<String> warnings) {
        this.catalog = catalog;
        this.warnings = warnings;
    }

    InputDefinition input(ConfigSection section, int id, ServiceSettings service) throws ConfigException {
        PluginName name = pluginName(section);
        LoadedPlugin<InputPlugin> plugin = name.find(catalog::input, catalog, PluginKind.INPUT);
        Map<String, String> url = new HashMap<>();
        name.url.ifPresent(u -> {
            url.put("listen", u.host());
            putIfPresent(url, "port", u.port());
        });
        PluginProperties props = properties(plugin, CommonKeys.INPUT, section, url);
        String instance = plugin.name() + "." + id;
        String alias = props.common(CommonKeys.ALIAS);
        String tag = props.common(CommonKeys.TAG);
        String instanceName = alias != null ? alias : instance;
        String storage = props.common(CommonKeys.STORAGE_TYPE);
        StorageType type = storage != null ? StorageType.parse(storage)
                : service.storage().inherit() && service.storage().defaultType() != null
                ? service.storage().defaultType() : StorageType.MEMORY;
        if (type == StorageType.FILESYSTEM && service.storagePath() == null) {
            throw new ConfigException(props.originOf("storage.type"), "storage.type", "instance '" + instanceName
                    + "' requested filesystem storage but no filesystem path was defined: set storage.path in "
                    + "[SERVICE] (or -b PATH)");
        }
        return new InputDefinition(plugin, instanceName, tag != null ? tag : instance,
                props.common(CommonKeys.MEM_BUF_LIMIT), logLevel(props), props.common(CommonKeys.ROUTABLE), type,
                props.common(CommonKeys.STORAGE_PAUSE_ON_CHUNKS_OVERLIMIT), props.config(), section.origin());
    }

    /** A filter definition, or empty when {@code Active} is false or 0 (the filter is left out entirely). */
    Optional<FilterDefinition> filter(ConfigSection section, int id) throws ConfigException {
        PluginName name = pluginName(section);
        LoadedPlugin<FilterPlugin> plugin = name.find(catalog::filter, catalog, PluginKind.FILTER);
        PluginProperties props = properties(plugin, CommonKeys.FILTER, section, Map.of());
        String instance = props.common(CommonKeys.ALIAS) != null ? props.common(CommonKeys.ALIAS)
                : plugin.name() + "." + id;
        String active = props.common(CommonKeys.ACTIVE).trim();
        boolean on;
        try {
            on = active.equals("1") || !active.equals("0") && PropertyValues.parseBoolean(active);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(props.originOf("active"), "active", "filter " + instance + ": invalid value '"
                    + active + "': expected on/off, true/false, yes/no, 1 or 0");
        }
        if (!on) {
            warnings.accept("[config] " + section.origin() + ": filter " + instance + " is not active");
            return Optional.empty();
        }
        String match = props.common(CommonKeys.MATCH);
        if (match == null && props.common(CommonKeys.MATCH_REGEX) == null) {
            throw new ConfigException(section.origin(), "match", "filter " + instance
                    + ": Match or Match_Regex is required");
        }
        return Optional.of(new FilterDefinition(plugin, instance, match, props.common(CommonKeys.MATCH_REGEX),
                logLevel(props), props.config(), section.origin()));
    }

    OutputDefinition output(ConfigSection section, int id) throws ConfigException {
        PluginName name = pluginName(section);
        LoadedPlugin<OutputPlugin> plugin = name.find(catalog::output, catalog, PluginKind.OUTPUT);
        Map<String, String> url = new HashMap<>();
        name.url.ifPresent(u -> {
            url.put("host", u.host());
            putIfPresent(url, "port", u.port());
            putIfPresent(url, "uri", u.path());
        });
        PluginProperties props = properties(plugin, CommonKeys.OUTPUT, section, url);
        String alias = props.common(CommonKeys.ALIAS);
        String instance = alias != null ? alias : plugin.name() + "." + id;
        Integer workers = props.common(CommonKeys.WORKERS);
        int workerCount = workers != null ? workers : defaultWorkers(plugin);
        Long totalLimit = props.common(CommonKeys.STORAGE_TOTAL_LIMIT_SIZE);
        return new OutputDefinition(plugin, instance, props.common(CommonKeys.MATCH),
                props.common(CommonKeys.MATCH_REGEX), retryLimit(props), workerCount, logLevel(props),
                totalLimit == null ? 0 : totalLimit,
                "pause".equals(props.common(CommonKeys.STORAGE_OVERFLOW_ACTION)), props.config(), section.origin());
    }

    private static int defaultWorkers(LoadedPlugin<OutputPlugin> plugin) throws ConfigException {
        try {
            return CommonKeys.defaultWorkers(plugin);
        } catch (PluginFailure e) {
            throw new ConfigException(new Origin(plugin.origin(), 0), "workers", plugin.name() + ": " + e.getMessage());
        }
    }

    private PluginProperties properties(LoadedPlugin<?> plugin, List<Property<?>> common, ConfigSection section,
                                        Map<String, String> url) throws ConfigException {
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigEntry entry : section.entries()) {
            if (!entry.value().isEmpty()) {
                entries.add(entry);
            }
        }
        PluginProperties props = PluginProperties.read(plugin.name(), plugin.properties(), common, section.origin(),
                entries, url);
        validate(plugin, props);
        return props;
    }

    /** Runs the plugin's own cross-key checks through the isolation wrapper. */
    private static void validate(LoadedPlugin<? extends PluginFactory> plugin, PluginProperties props)
            throws ConfigException {
        try {
            plugin.call(() -> {
                plugin.factory().validate(props.config());
                return null;
            });
        } catch (PluginFailure e) {
            if (e.getCause() instanceof InvalidConfigException invalid) {
                String key = invalid.property() == null ? null : invalid.property().name();
                throw new ConfigException(key == null ? props.originOf("name") : props.originOf(key), key,
                        plugin.name() + ": " + invalid.getMessage());
            }
            throw new ConfigException(props.originOf("name"), null, plugin.name()
                    + ": the plugin failed to check its configuration: " + e.getMessage());
        }
    }

    /** {@code Retry_Limit}: N ≥ 1, {@code no_limits}/{@code false}/{@code off}, or {@code no_retries}. */
    private static int retryLimit(PluginProperties props) throws ConfigException {
        String text = props.common(CommonKeys.RETRY_LIMIT).trim().toLowerCase(Locale.ROOT);
        switch (text) {
            case "no_limits", "false", "off":
                return OutputDefinition.UNLIMITED;
            case "no_retries":
                return 0;
            default:
                break;
        }
        if (text.matches("\\d{1,9}") && Integer.parseInt(text) > 0) {
            return Integer.parseInt(text);
        }
        throw new ConfigException(props.originOf("retry_limit"), "retry_limit", "invalid value '" + text
                + "': expected a whole number from 1 to 999999999, no_limits (or false/off) or no_retries");
    }

    private static PluginName pluginName(ConfigSection section) throws ConfigException {
        List<ConfigEntry> names = section.entries().stream().filter(e -> e.key().equals("name")).toList();
        if (names.isEmpty() || names.get(0).value().isEmpty()) {
            throw new ConfigException(section.origin(), "name",
                    "section '" + section.kind().label() + "' is missing the 'name' property");
        }
        if (names.size() > 1) {
            throw new ConfigException(names.get(1).origin(), "name", "the 'name' property is set more than once "
                    + "(first at " + names.get(0).origin() + ")");
        }
        ConfigEntry entry = names.get(0);
        return new PluginName(entry, PluginUrl.parse(entry.value(), entry.origin()));
    }

    private static String logLevel(PluginProperties props) throws ConfigException {
        String level = props.common(CommonKeys.LOG_LEVEL);
        return level == null ? null : LogLevels.parse(level, props.originOf("log_level"), "log_level");
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** The {@code Name} entry of a section and its URL form, if any. */
    private record PluginName(ConfigEntry entry, Optional<PluginUrl> url) {

        <P> P find(PluginLookup<P> lookup, PluginCatalog catalog, PluginKind kind) throws ConfigException {
            String plugin = url.map(PluginUrl::plugin).orElse(entry.value());
            return lookup.find(plugin).orElseThrow(() -> new ConfigException(entry.origin(), "name", "section '"
                    + plugin + "' tried to instance a plugin name that doesn't exist: the " + kind.label()
                    + " plugins found are " + names(catalog.all().stream().filter(p -> p.kind() == kind).toList())
                    + " (built in, and looked for in " + (catalog.searched().isEmpty() ? "no plugin folder"
                    : catalog.searched().stream().map(Object::toString).collect(Collectors.joining(", "))) + ")"));
        }
    }

    @FunctionalInterface
    private interface PluginLookup<P> {
        Optional<P> find(String name);
    }

    /** For messages: the names of the plugins of one kind. */
    static String names(List<? extends LoadedPlugin<?>> plugins) {
        if (plugins.isEmpty()) {
            return "none";
        }
        return plugins.stream().map(LoadedPlugin::name).sorted().collect(Collectors.joining(", "));
    }
}
