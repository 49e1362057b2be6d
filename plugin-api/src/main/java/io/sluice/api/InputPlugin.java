package io.sluice.api;

/** A factory of inputs, registered with {@code META-INF/services/io.sluice.api.InputPlugin}. */
public interface InputPlugin extends PluginFactory {

    /** Creates one input instance from its validated configuration; it must not start any thread yet. */
    Input create(InputContext context) throws PluginException;
}
