package io.sluice.core.plugin;

import io.sluice.api.PluginFactory;
import io.sluice.api.config.Property;
import java.nio.file.Path;
import java.util.List;

/**
 * A plugin factory that core found, with where it came from and what it said about itself, asked once at load time
 * through {@link Isolation} so that help output and configuration reading never call into the plugin again.
 *
 * @param factory     the factory, created by ServiceLoader in the plugin's own class loader
 * @param kind        input, output or filter
 * @param name        its name, lower case
 * @param description its one-line description
 * @param version     the plugin's version
 * @param apiVersion  the plugin-api version it was built against
 * @param properties  its declared properties
 * @param source      the jar or folder it came from, or {@code null} for a plugin built into core
 * @param loader      the class loader to set as context class loader while calling into the plugin
 */
public record LoadedPlugin<F extends PluginFactory>(F factory, PluginKind kind, String name, String description,
                                                     String version, String apiVersion, List<Property<?>> properties,
                                                     Path source, ClassLoader loader) {

    /** Copies the list. */
    public LoadedPlugin {
        properties = List.copyOf(properties);
    }

    /** Asks {@code factory} for its description through {@link Isolation}. */
    static <F extends PluginFactory> LoadedPlugin<F> describe(F factory, PluginKind kind, String version,
                                                              String apiVersion, Path source, ClassLoader loader)
            throws PluginFailure {
        String name = Isolation.call(loader, factory::name);
        String description = Isolation.call(loader, factory::description);
        List<Property<?>> properties = Isolation.call(loader, factory::properties);
        if (name == null || name.isBlank()) {
            throw new PluginFailure(new IllegalStateException(factory.getClass().getName() + " has no name"));
        }
        String v = version != null && !version.isBlank() ? version : Isolation.call(loader, factory::version);
        return new LoadedPlugin<>(factory, kind, name.toLowerCase(java.util.Locale.ROOT),
                description == null ? "" : description, v, apiVersion, properties == null ? List.of() : properties,
                source, loader);
    }

    /**
     * A plugin that lives on core's own class path (a built-in, or a test's): described through {@link Isolation}
     * like any other.
     */
    public static <F extends PluginFactory> LoadedPlugin<F> onClassPath(F factory, PluginKind kind) {
        try {
            return describe(factory, kind, null, io.sluice.core.Versions.PLUGIN_API, null,
                    factory.getClass().getClassLoader());
        } catch (PluginFailure e) {
            throw new IllegalStateException(factory.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    /** Calls into the factory (create, validate) through {@link Isolation}. */
    public <T> T call(Isolation.PluginCall<T> call) throws PluginFailure {
        return Isolation.call(loader, call);
    }

    /** Where it came from, for messages: the path, or "built-in". */
    public String origin() {
        return source == null ? "built-in" : source.toString();
    }
}
