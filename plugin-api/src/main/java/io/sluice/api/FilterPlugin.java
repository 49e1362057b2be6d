package io.sluice.api;

/** A factory of filters, registered with {@code META-INF/services/io.sluice.api.FilterPlugin}; declared for later use. */
public interface FilterPlugin extends PluginFactory {

    /** Creates one filter instance from its validated configuration. */
    Filter create(PluginContext context) throws PluginException;
}
