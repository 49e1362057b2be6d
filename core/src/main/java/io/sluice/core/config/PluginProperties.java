package io.sluice.core.config;

import io.sluice.api.config.Property;
import io.sluice.api.config.Setting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one section's entries against two sets of declarations, the keys core handles for every instance of its kind
 * and the plugin's own: unknown keys, repeated single-valued keys (naming both lines), values of the wrong type or
 * range and missing required keys are errors that name the file, line and key. Deprecated keys are read as their
 * replacement, with a warning. Secret values never appear in a message.
 */
final class PluginProperties {

    private static final Logger LOG = LoggerFactory.getLogger("config");

    private final String plugin;
    private final Map<String, Property<?>> declared = new LinkedHashMap<>();
    private final Map<String, Property<?>> commonDeclared = new LinkedHashMap<>();
    private final Map<String, List<Object>> values = new LinkedHashMap<>();
    private final Map<String, List<Object>> common = new HashMap<>();
    private final Map<String, ConfigEntry> lastEntry = new HashMap<>();
    private final List<Setting> settings = new ArrayList<>();
    private final Origin section;
    private final ValidatedConfig config;

    private PluginProperties(String plugin, List<Property<?>> specs, List<Property<?>> commonSpecs, Origin section,
                             List<ConfigEntry> entries, Map<String, String> urlValues) throws ConfigException {
        this.plugin = plugin;
        this.section = section;
        specs.forEach(s -> declared.put(s.name(), s));
        commonSpecs.forEach(s -> commonDeclared.put(s.name(), s));
        Map<String, ConfigEntry> firstEntry = new HashMap<>();
        for (ConfigEntry raw : entries) {
            ConfigEntry entry = replaceDeprecated(raw);
            boolean isCommon = commonDeclared.containsKey(entry.key());
            Property<?> spec = isCommon ? commonDeclared.get(entry.key()) : declared.get(entry.key());
            if (spec == null) {
                throw new ConfigException(entry.origin(), entry.key(), plugin + ": unknown configuration property '"
                        + entry.key() + "'. The following properties are allowed: " + allowed() + ".");
            }
            ConfigEntry first = firstEntry.putIfAbsent(entry.key(), entry);
            if (first != null && !spec.isRepeatable()) {
                throw new ConfigException(entry.origin(), entry.key(), plugin + ": configuration property '"
                        + entry.key() + "' is set more than once (first at " + first.origin()
                        + "); it takes one value");
            }
            Object value = parse(spec, entry);
            (isCommon ? common : values).computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(value);
            lastEntry.put(entry.key(), entry);
            if (!isCommon) {
                settings.add(new Setting(entry.key(), entry.value()));
            }
        }
        applyUrl(urlValues);
        for (Property<?> spec : specs) {
            if (spec.isRequired() && !values.containsKey(spec.name())) {
                throw new ConfigException(section, spec.name(), plugin + ": the property '" + spec.name()
                        + "' is required (" + spec.description() + ")");
            }
            if (spec.defaultValue() != null) {
                try {
                    PropertyValues.parse(spec, spec.defaultValue());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("plugin " + plugin + " declares a bad default for "
                            + spec.name() + ": " + e.getMessage(), e);
                }
            }
        }
        config = new ValidatedConfig(specs, values, settings);
    }

    /**
     * Reads {@code entries} (values expanded, empty ones already dropped) for {@code plugin}. {@code urlValues} come
     * from the URL form of the name: they apply only to keys the plugin declares, and explicit entries override them,
     * except {@code uri}, where the URL's path wins.
     */
    static PluginProperties read(String plugin, List<Property<?>> specs, List<Property<?>> commonSpecs,
                                 Origin section, List<ConfigEntry> entries, Map<String, String> urlValues)
            throws ConfigException {
        return new PluginProperties(plugin, specs, commonSpecs, section, entries, urlValues);
    }

    private ConfigEntry replaceDeprecated(ConfigEntry entry) {
        Property<?> spec = declared.get(entry.key());
        if (spec == null || spec.replacedBy() == null || !declared.containsKey(spec.replacedBy())) {
            return entry;
        }
        LOG.warn("{}: {}: '{}' is deprecated; use '{}'", entry.origin(), plugin, entry.key(),
                spec.replacedBy());
        return new ConfigEntry(spec.replacedBy(), entry.value(), entry.origin());
    }

    private Object parse(Property<?> spec, ConfigEntry entry) throws ConfigException {
        try {
            return PropertyValues.parse(spec, entry.value());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (spec.isSecret()) {
                message = message.replace(entry.value().trim(), "<secret>");
            }
            throw new ConfigException(entry.origin(), entry.key(), plugin + ": " + message);
        }
    }

    private void applyUrl(Map<String, String> urlValues) throws ConfigException {
        for (Map.Entry<String, String> e : urlValues.entrySet()) {
            Property<?> spec = declared.get(e.getKey());
            if (spec != null && (e.getKey().equals("uri") || !values.containsKey(e.getKey()))) {
                values.put(e.getKey(), List.of(parse(spec, new ConfigEntry(e.getKey(), e.getValue(), section))));
            }
        }
    }

    /** The value of common key {@code key} (the last given), or its default, or {@code null}. */
    @SuppressWarnings("unchecked")
    <T> T common(Property<T> key) {
        List<Object> list = common.get(key.name());
        if (list != null) {
            return (T) list.get(list.size() - 1);
        }
        return key.defaultValue() == null ? null : (T) PropertyValues.parse(key, key.defaultValue());
    }

    /** Where {@code key} was last given, or the section's header when it was not. */
    Origin originOf(String key) {
        ConfigEntry entry = lastEntry.get(key);
        return entry == null ? section : entry.origin();
    }

    /** The plugin's validated configuration. */
    ValidatedConfig config() {
        return config;
    }

    /** {@code a, b, and c} as upstream words it. */
    private String allowed() {
        List<String> names = new ArrayList<>(declared.keySet());
        commonDeclared.keySet().stream().sorted().filter(k -> !declared.containsKey(k)).forEach(names::add);
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() == 2) {
            return names.get(0) + " and " + names.get(1);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + ", and " + names.get(names.size() - 1);
    }
}
