package io.sluice.core.config;

import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import io.sluice.api.config.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin section's values, each already parsed as its declared type; what plugins read through
 * {@link PluginConfig}. Values are looked up by the property's name, so a plugin may read with a declaration equal
 * in name to the one it listed.
 */
public final class ValidatedConfig implements PluginConfig {

    private final Map<String, Property<?>> declared = new LinkedHashMap<>();
    private final Map<String, List<Object>> values;
    private final List<Setting> settings;

    ValidatedConfig(List<Property<?>> properties, Map<String, List<Object>> values, List<Setting> settings) {
        properties.forEach(p -> declared.put(p.name(), p));
        this.values = Map.copyOf(values);
        this.settings = List.copyOf(settings);
    }

    /** A configuration of no properties, for plugins that declare none. */
    public static ValidatedConfig empty() {
        return new ValidatedConfig(List.of(), Map.of(), List.of());
    }

    @Override
    public <T> T get(Property<T> property) {
        List<Object> list = values.get(declaration(property).name());
        if (list != null && !list.isEmpty()) {
            return cast(list.get(list.size() - 1));
        }
        return defaultOf(property);
    }

    @Override
    public <T> List<T> getAll(Property<T> property) {
        List<Object> list = values.get(declaration(property).name());
        if (list != null) {
            List<T> typed = new ArrayList<>(list.size());
            list.forEach(v -> typed.add(cast(v)));
            return List.copyOf(typed);
        }
        T def = defaultOf(property);
        return def == null ? List.of() : List.of(def);
    }

    @Override
    public boolean isSet(Property<?> property) {
        return values.containsKey(declaration(property).name());
    }

    @Override
    public List<Setting> settings() {
        return settings;
    }

    /** The typed value of {@code key} (the last given, or its default), or {@code null}: for core and tests. */
    public Object value(String key) {
        Property<?> d = declared.get(key);
        return d == null ? null : get(d);
    }

    /** Every typed value given for {@code key}, in order. */
    public List<Object> values(String key) {
        Property<?> d = declared.get(key);
        return d == null ? List.of() : List.copyOf(getAll(d));
    }

    /** Whether {@code key} was given. */
    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** The keys given, in order of first appearance. */
    public List<String> keys() {
        return settings.stream().map(Setting::key).distinct().toList();
    }

    /** The keys set, with their values as written, secrets masked: for {@code --dry-run} and logs. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Setting s : settings) {
            Property<?> p = declared.get(s.key());
            lines.add(s.key() + " " + (p != null && p.isSecret() ? "<secret>" : s.value()));
        }
        return lines;
    }

    private <T> T defaultOf(Property<T> property) {
        Property<?> d = declaration(property);
        return d.defaultValue() == null ? null : cast(PropertyValues.parse(d, d.defaultValue()));
    }

    private Property<?> declaration(Property<?> property) {
        Property<?> d = declared.get(property.name());
        if (d == null) {
            throw new IllegalArgumentException("property '" + property.name() + "' is not declared by the plugin");
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
