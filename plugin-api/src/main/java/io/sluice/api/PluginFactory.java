package io.sluice.api;

import io.sluice.api.config.PropertySpec;
import java.util.List;

/** What every plugin factory says about itself: name, description, version and declared properties. */
public interface PluginFactory {

    /** The name users write in {@code Name} or {@code -i}/{@code -o}, lower case, e.g. {@code tcp}. */
    String name();

    /** A one-line description shown by {@code sluice -h}. */
    String description();

    /** The plugin's own version; by default the jar manifest's {@code Implementation-Version}. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** The configuration properties this plugin accepts, validated by core before the plugin sees them. */
    List<PropertySpec> properties();
}
