package io.sluice.core.config;

import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginFactory;
import io.sluice.api.config.ConfigValues;
import io.sluice.api.config.PropertySpec;
import io.sluice.core.plugin.LoadedPlugin;
import io.sluice.core.plugin.PluginCatalog;
import io.sluice.core.plugin.PluginKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns one expanded INPUT, FILTER or OUTPUT section into a validated instance definition. */
final class InstanceReader {

    private final PluginCatalog catalog;
    private final Consumer<String> warnings;

    InstanceReader(PluginCatalog catalog, Consumer<String> warnings) {
        this.catalog = catalog;
        this.warnings = warnings;
    }

    InputDefinition input(ConfigSection section, int id) throws ConfigException {
        PluginName name = pluginName(section);
        LoadedPlugin<InputPlugin> plugin = name.find(catalog::input);
        Map<String, String> url = new HashMap<>();
        name.url.ifPresent(u -> {
            url.put("listen", u.host());
            putIfPresent(url, "port", u.port());
        });
        PluginProperties props = properties(plugin.factory(), CommonKeys.INPUT, section, url);
        String instance = plugin.name() + "." + id;
        String storageType = text(props, "storage.type", "memory").toLowerCase(Locale.ROOT);
        if (!storageType.equals("memory")) {
            warnings.accept("[config] " + props.common("storage.type").origin() + ": storage.type " + storageType
                    + " is not supported yet; " + instance + " buffers in memory");
        }
        return new InputDefinition(plugin, text(props, "alias", instance), text(props, "tag", instance),
                ConfigValues.parseSize(text(props, "mem_buf_limit", "0")), logLevel(props),
                ConfigValues.parseBoolean(text(props, "routable", "true")), props.config(), section.origin());
    }

    OutputDefinition output(ConfigSection section, int id) throws ConfigException {
        PluginName name = pluginName(section);
        LoadedPlugin<OutputPlugin> plugin = name.find(catalog::output);
        Map<String, String> url = new HashMap<>();
        name.url.ifPresent(u -> {
            url.put("host", u.host());
            putIfPresent(url, "port", u.port());
            putIfPresent(url, "uri", u.path());
        });
        PluginProperties props = properties(plugin.factory(), CommonKeys.OUTPUT, section, url);
        String instance = text(props, "alias", plugin.name() + "." + id);
        ConfigEntry workers = props.common("workers");
        int workerCount = workers == null ? plugin.factory().defaultWorkers()
                : (int) Math.min(Integer.MAX_VALUE, ConfigValues.parseInteger(workers.value()));
        if (workerCount < 0) {
            throw new ConfigException(workers.origin(), "workers", "invalid workers '" + workers.value() + "'");
        }
        return new OutputDefinition(plugin, instance, text(props, "match", null), matchRegex(props),
                RetryLimit.parse(props.common("retry_limit"), warnings), Math.max(1, workerCount),
                logLevel(props), props.config(), section.origin());
    }

    /** Validates a filter section; sluice has no filter stage yet, so it is checked and then not run. */
    void filter(ConfigSection section) throws ConfigException {
        PluginName name = pluginName(section);
        LoadedPlugin<?> plugin = name.find(n -> catalog.all().stream()
                .filter(p -> p.kind() == PluginKind.FILTER && p.name().equalsIgnoreCase(n)).findFirst());
        properties(plugin.factory(), List.of(), section, Map.of());
        warnings.accept("[config] " + section.origin() + ": filter '" + plugin.name()
                + "' is not run: sluice has no filter stage yet");
    }

    private PluginProperties properties(PluginFactory factory, List<PropertySpec> common, ConfigSection section,
                                        Map<String, String> url) throws ConfigException {
        Set<String> commonNames = common.isEmpty() ? CommonKeys.FILTER_NAMES
                : common == CommonKeys.INPUT ? CommonKeys.INPUT_NAMES : CommonKeys.OUTPUT_NAMES;
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigEntry entry : section.entries()) {
            if (entry.value().isEmpty()) {
                continue;
            }
            if (!common.isEmpty() && commonNames.contains(entry.key()) && !entry.key().equals("retry_limit")) {
                validate(factory.name(), CommonKeys.spec(common, entry.key()), entry);
            }
            entries.add(entry);
        }
        return PluginProperties.read(factory.name(), factory.properties(), commonNames, section.origin(), entries,
                url);
    }

    private static void validate(String plugin, PropertySpec spec, ConfigEntry entry) throws ConfigException {
        try {
            ConfigValues.validate(spec, entry.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(entry.origin(), entry.key(), plugin + ": " + e.getMessage());
        }
    }

    private static PluginName pluginName(ConfigSection section) throws ConfigException {
        List<ConfigEntry> names = section.entries().stream().filter(e -> e.key().equals("name")).toList();
        if (names.isEmpty() || names.get(0).value().isEmpty()) {
            throw new ConfigException(section.origin(), "name",
                    "section '" + section.kind().label() + "' is missing the 'name' property");
        }
        if (names.size() > 1) {
            throw new ConfigException(names.get(1).origin(), "name", "the 'name' property is set "
                    + names.size() + " times");
        }
        ConfigEntry entry = names.get(0);
        return new PluginName(entry, PluginUrl.parse(entry.value(), entry.origin()));
    }

    private static String text(PluginProperties props, String key, String fallback) {
        ConfigEntry entry = props.common(key);
        return entry == null ? fallback : entry.value();
    }

    private static String logLevel(PluginProperties props) throws ConfigException {
        ConfigEntry entry = props.common("log_level");
        return entry == null ? null : LogLevels.parse(entry.value(), entry.origin(), entry.key());
    }

    private static Pattern matchRegex(PluginProperties props) throws ConfigException {
        ConfigEntry entry = props.common("match_regex");
        if (entry == null) {
            return null;
        }
        try {
            return Pattern.compile(entry.value());
        } catch (PatternSyntaxException e) {
            throw new ConfigException(entry.origin(), entry.key(), "invalid regular expression: "
                    + e.getDescription());
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** The {@code Name} entry of a section and its URL form, if any. */
    private record PluginName(ConfigEntry entry, Optional<PluginUrl> url) {

        <P> P find(PluginLookup<P> lookup) throws ConfigException {
            String plugin = url.map(PluginUrl::plugin).orElse(entry.value());
            return lookup.find(plugin).orElseThrow(() -> new ConfigException(entry.origin(), "name", "section '"
                    + entry.value() + "' tried to instance a plugin name that doesn't exist"));
        }
    }

    @FunctionalInterface
    private interface PluginLookup<P> {
        Optional<P> find(String name);
    }
}
