package io.sluice.core.plugin;

import io.sluice.api.FilterPlugin;
import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginFactory;

/** The kinds of plugin, each with its ServiceLoader interface. */
public enum PluginKind {
    INPUT("input", InputPlugin.class),
    FILTER("filter", FilterPlugin.class),
    OUTPUT("output", OutputPlugin.class);

    private final String label;
    private final Class<? extends PluginFactory> service;

    PluginKind(String label, Class<? extends PluginFactory> service) {
        this.label = label;
        this.service = service;
    }

    /** {@code input}, {@code filter} or {@code output}, as in log prefixes and messages. */
    public String label() {
        return label;
    }

    /** The service interface ServiceLoader looks up. */
    public Class<? extends PluginFactory> service() {
        return service;
    }
}
