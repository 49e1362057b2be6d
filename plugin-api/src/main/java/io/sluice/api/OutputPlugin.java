package io.sluice.api;

/** A factory of outputs, registered with {@code META-INF/services/io.sluice.api.OutputPlugin}. */
public interface OutputPlugin extends PluginFactory {

    /** Creates one output instance from its validated configuration; it must not connect anywhere yet. */
    Output create(OutputContext context) throws PluginException;

    /** The number of flush workers when the configuration does not set {@code workers}; core runs at least one. */
    default int defaultWorkers() {
        return 1;
    }
}
