package io.sluice.core.config;

import io.sluice.api.config.ConfigValues;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.PropertySpec;
import io.sluice.api.config.PropertyType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a plugin section's entries into the common keys core handles and the plugin's own properties, validating the
 * latter against the plugin's declarations: unknown keys, repeated single-valued keys and bad values are errors that
 * name the file, line and key.
 */
final class PluginProperties {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("config");

    private final Map<String, ConfigEntry> common = new HashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final PluginConfig config;

    private PluginProperties(String plugin, List<PropertySpec> specs, Set<String> commonKeys, Origin section,
                             List<ConfigEntry> entries, Map<String, String> urlValues) throws ConfigException {
        Map<String, PropertySpec> declared = new LinkedHashMap<>();
        specs.forEach(s -> declared.put(s.name(), s));
        Map<String, Integer> counts = new HashMap<>();
        entries.forEach(e -> counts.merge(e.key(), 1, Integer::sum));
        for (ConfigEntry entry : entries) {
            if (commonKeys.contains(entry.key())) {
                common.put(entry.key(), entry);
                continue;
            }
            PropertySpec spec = declared.get(entry.key());
            if (spec == null) {
                throw new ConfigException(entry.origin(), entry.key(), plugin + ": unknown configuration property '"
                        + entry.key() + "'. The following properties are allowed: "
                        + allowed(declared.keySet(), commonKeys) + ".");
            }
            List<String> list = values.computeIfAbsent(entry.key(), k -> new ArrayList<>());
            if (!spec.multiple() && !list.isEmpty()) {
                throw new ConfigException(entry.origin(), entry.key(), plugin + ": configuration property '"
                        + entry.key() + "' is set " + counts.get(entry.key()) + " times");
            }
            try {
                ConfigValues.validate(spec, entry.value());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(entry.origin(), entry.key(), plugin + ": " + e.getMessage());
            }
            if (spec.type() == PropertyType.INTEGER && !ConfigValues.isPlainInteger(entry.value())) {
                LOG.warn("[config] {}: '{}' of '{}' read as {} (text after the number is ignored)", entry.origin(),
                        entry.value(), entry.key(), ConfigValues.parseInteger(entry.value()));
            }
            list.add(entry.value());
        }
        applyUrl(declared, urlValues);
        try {
            config = PluginConfig.of(specs, values);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(section, null,
                    plugin + ": " + e.getMessage());
        }
    }

    /**
     * Reads {@code entries} (values expanded, empty ones already dropped) for {@code plugin}. {@code urlValues} come
     * from the URL form of the name: they apply only to keys the plugin declares, and explicit entries override them,
     * except {@code uri}, where the URL's path wins.
     */
    static PluginProperties read(String plugin, List<PropertySpec> specs, Set<String> commonKeys, Origin section,
                                 List<ConfigEntry> entries, Map<String, String> urlValues) throws ConfigException {
        return new PluginProperties(plugin, specs, commonKeys, section, entries, urlValues);
    }

    private void applyUrl(Map<String, PropertySpec> declared, Map<String, String> urlValues) {
        urlValues.forEach((key, value) -> {
            if (declared.containsKey(key) && (key.equals("uri") || !values.containsKey(key))) {
                values.put(key, List.of(value));
            }
        });
    }

    /** The last entry of a common key, or {@code null}. */
    ConfigEntry common(String key) {
        return common.get(key);
    }

    /** The plugin's validated configuration. */
    PluginConfig config() {
        return config;
    }

    /** {@code a, b, and c} as upstream words it. */
    static String allowed(Set<String> declared, Set<String> commonKeys) {
        List<String> names = new ArrayList<>(declared);
        commonKeys.stream().sorted().filter(k -> !declared.contains(k)).forEach(names::add);
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() == 2) {
            return names.get(0) + " and " + names.get(1);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + ", and " + names.get(names.size() - 1);
    }
}
