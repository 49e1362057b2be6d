package io.sluice.api.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration of one plugin instance: every value already matches its {@link PropertySpec}, and
 * absent keys read as their declared default. Keys are case-insensitive.
 */
public final class PluginConfig {

    private final Map<String, PropertySpec> specs = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private PluginConfig(List<PropertySpec> declared, Map<String, List<String>> given) {
        for (PropertySpec spec : declared) {
            specs.put(spec.name(), spec);
        }
        given.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    }

    /**
     * A configuration of {@code given} values (key → values in order) for the {@code declared} properties. Unknown
     * keys and invalid values are rejected with {@link IllegalArgumentException}; core reports them with file and line
     * before this is called, so plugins and their tests can rely on it.
     */
    public static PluginConfig of(List<PropertySpec> declared, Map<String, List<String>> given) {
        PluginConfig config = new PluginConfig(declared, given);
        config.values.forEach((key, list) -> {
            PropertySpec spec = config.specs.get(key);
            if (spec == null) {
                throw new IllegalArgumentException("unknown configuration property '" + key + "'");
            }
            if (!spec.multiple() && list.size() > 1) {
                throw new IllegalArgumentException(
                        "configuration property '" + key + "' is set " + list.size() + " times");
            }
            for (String v : list) {
                try {
                    ConfigValues.validate(spec, v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
                }
            }
        });
        return config;
    }

    /** A configuration from single values, handy in tests: {@code of(specs, Map.of("port", "5170"))}. */
    public static PluginConfig ofSingle(List<PropertySpec> declared, Map<String, String> given) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        given.forEach((k, v) -> lists.put(k, List.of(v)));
        return of(declared, lists);
    }

    private PropertySpec spec(String key) {
        PropertySpec spec = specs.get(key.toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw new IllegalArgumentException("property '" + key + "' is not declared");
        }
        return spec;
    }

    /** Whether the user set {@code key} (defaults do not count). */
    public boolean isSet(String key) {
        spec(key);
        return values.containsKey(key.toLowerCase(Locale.ROOT));
    }

    /** The value of {@code key} (the last one given, or else the default), or empty when it has neither. */
    public Optional<String> find(String key) {
        PropertySpec spec = spec(key);
        List<String> list = values.get(spec.name());
        if (list != null && !list.isEmpty()) {
            return Optional.of(list.get(list.size() - 1).trim());
        }
        return Optional.ofNullable(spec.defaultValue());
    }

    /** The value of {@code key} as text, or {@code null} when unset and without default. */
    public String getString(String key) {
        return find(key).orElse(null);
    }

    /** Every value given for a repeatable {@code key}, in configuration order. */
    public List<String> getAll(String key) {
        PropertySpec spec = spec(key);
        List<String> list = values.get(spec.name());
        if (list != null) {
            return list;
        }
        return spec.defaultValue() == null ? List.of() : List.of(spec.defaultValue());
    }

    /** The value of an INTEGER {@code key}; {@code fallback} when unset and without default. */
    public long getLong(String key, long fallback) {
        return find(key).map(ConfigValues::parseInteger).orElse(fallback);
    }

    /** The value of an INTEGER {@code key} as an int; {@code fallback} when unset and without default. */
    public int getInt(String key, int fallback) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, getLong(key, fallback)));
    }

    /** The value of a DOUBLE {@code key}; {@code fallback} when unset and without default. */
    public double getDouble(String key, double fallback) {
        return find(key).map(ConfigValues::parseDouble).orElse(fallback);
    }

    /** The value of a BOOLEAN {@code key}; {@code fallback} when unset and without default. */
    public boolean getBoolean(String key, boolean fallback) {
        return find(key).map(ConfigValues::parseBoolean).orElse(fallback);
    }

    /** The value of a SIZE {@code key} in bytes; {@code fallback} when unset and without default. */
    public long getSize(String key, long fallback) {
        return find(key).map(ConfigValues::parseSize).orElse(fallback);
    }

    /** The value of a TIME {@code key}; {@code fallback} when unset and without default. */
    public Duration getTime(String key, Duration fallback) {
        return find(key).map(ConfigValues::parseTime).orElse(fallback);
    }

    /** The keys the user set, in order, for logging (values may be secret and are not included). */
    public List<String> keys() {
        return new ArrayList<>(values.keySet());
    }
}
