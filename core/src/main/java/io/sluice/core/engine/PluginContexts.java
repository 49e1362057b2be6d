package io.sluice.core.engine;

import io.sluice.api.Emitter;
import io.sluice.api.InputContext;
import io.sluice.api.OutputContext;
import io.sluice.api.PluginMetrics;
import io.sluice.api.config.PluginConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the engine hands plugin instances; their loggers are named {@code <kind>:<plugin>:<instance>}. */
final class PluginContexts {

    private PluginContexts() {
    }

    static InputContext input(InputLane lane) {
        var d = lane.definition();
        return new InputInstance(d.instanceName(), d.config(), logger("input", d.plugin().name(), d.instanceName()),
                lane.metrics().pluginView(), d.tag(), lane);
    }

    static OutputContext output(OutputLane lane) {
        var d = lane.definition();
        return new OutputInstance(d.instanceName(), d.config(),
                logger("output", d.plugin().name(), d.instanceName()), lane.metrics().pluginView(),
                lane.workerCount());
    }

    private static Logger logger(String kind, String plugin, String instance) {
        return LoggerFactory.getLogger(kind + ":" + plugin + ":" + instance);
    }

    private record InputInstance(String instanceName, PluginConfig config, Logger logger, PluginMetrics metrics,
                                 String tag, Emitter emitter) implements InputContext {
    }

    private record OutputInstance(String instanceName, PluginConfig config, Logger logger, PluginMetrics metrics,
                                  int workers) implements OutputContext {
    }
}
