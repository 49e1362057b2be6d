package io.sluice.api;

/** What core hands an output instance. */
public interface OutputContext extends PluginContext {

    /** How many workers will call {@link Output#flush} concurrently (at least one). */
    int workers();
}
