package io.sluice.core.plugin;

import io.sluice.api.PluginFactory;
import java.nio.file.Path;

/**
 * A plugin factory that core found, with where it came from.
 *
 * @param factory    the factory, created by ServiceLoader in the plugin's own class loader
 * @param kind       input, output or filter
 * @param version    the plugin's version
 * @param apiVersion the plugin-api version it was built against
 * @param source     the jar or folder it came from, or {@code null} for a plugin built into core
 * @param loader     the class loader to set as context class loader while calling into the plugin
 */
public record LoadedPlugin<F extends PluginFactory>(F factory, PluginKind kind, String version, String apiVersion,
                                                     Path source, ClassLoader loader) {

    /** The plugin's name, as users write it. */
    public String name() {
        return factory.name();
    }

    /** Runs with the context class loader set to this plugin's loader until closed. */
    public LoaderSwap enter() {
        return LoaderSwap.to(loader);
    }

    /** Where it came from, for messages: the path, or "built-in". */
    public String origin() {
        return source == null ? "built-in" : source.toString();
    }
}
