package io.sluice.api;

/** A factory of filters, registered with {@code META-INF/services/io.sluice.api.FilterPlugin}. */
public interface FilterPlugin extends PluginFactory {

    /** Creates one filter instance from its validated configuration. */
    Filter create(FilterContext context) throws PluginException;
}
