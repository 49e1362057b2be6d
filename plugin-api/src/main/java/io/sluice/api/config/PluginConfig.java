package io.sluice.api.config;

import java.util.List;

/**
 * The validated configuration of one plugin instance: every value already matches its {@link Property}, so reading
 * it cannot fail. Implemented by core.
 */
public interface PluginConfig {

    /** The value of {@code property}: the last one given, or else its default; {@code null} when it has neither. */
    <T> T get(Property<T> property);

    /** Every value given for a repeatable {@code property}, in configuration order; its default alone when none. */
    <T> List<T> getAll(Property<T> property);

    /** Whether the user set {@code property} (a default does not count). */
    boolean isSet(Property<?> property);

    /** The plugin's own entries in configuration order (secret values included: never log them). */
    List<Setting> settings();
}
