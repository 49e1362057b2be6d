package io.sluice.api;

/** What core hands a filter instance. */
public interface FilterContext extends PluginContext {
}
