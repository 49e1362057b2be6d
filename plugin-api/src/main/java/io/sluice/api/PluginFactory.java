package io.sluice.api;

import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.util.List;

/** What every plugin factory says about itself: name, description, version, declared properties and checks. */
public interface PluginFactory {

    /** The name users write in {@code Name}, {@code -i}, {@code -F} or {@code -o}, lower case, e.g. {@code tcp}. */
    String name();

    /** A one-line description shown by {@code sluice -h}. */
    String description();

    /** The plugin's own version; by default the jar manifest's {@code Implementation-Version}. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** The properties this plugin accepts; core rejects any other key and checks every value's type and range. */
    List<Property<?>> properties();

    /**
     * Checks rules that involve several properties, after each value passed its own declaration; runs before start
     * and in {@code --dry-run}.
     *
     * @throws InvalidConfigException naming the property at fault and what to change
     */
    default void validate(PluginConfig config) throws InvalidConfigException {
    }
}
