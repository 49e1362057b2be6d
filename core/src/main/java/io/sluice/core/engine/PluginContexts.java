package io.sluice.core.engine;

import io.sluice.api.Emitter;
import io.sluice.api.InputContext;
import io.sluice.api.OutputContext;
import io.sluice.api.PluginMetrics;
import io.sluice.api.config.PluginConfig;
import io.sluice.core.config.ServiceSettings;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine hands plugin instances; their loggers are named {@code <kind>:<plugin>:<instance>}, and the
 * service settings they may read are {@code json.escape_unicode} and {@code json.convert_nan_to_null} (as
 * {@code on}/{@code off}, the effective values).
 */
final class PluginContexts {

    private PluginContexts() {
    }

    static InputContext input(InputLane lane, ServiceSettings service) {
        var d = lane.definition();
        return new InputInstance(d.instanceName(), d.config(), LoggerFactory.getLogger(d.loggerName()),
                lane.metrics().pluginView(), d.tag(), lane, service);
    }

    static OutputContext output(OutputLane lane, ServiceSettings service) {
        var d = lane.definition();
        return new OutputInstance(d.instanceName(), d.config(),
                LoggerFactory.getLogger(d.loggerName()), lane.metrics().pluginView(),
                lane.workerCount(), service);
    }

    static Optional<String> serviceSetting(ServiceSettings service, String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "json.escape_unicode" -> Optional.of(service.jsonEscapeUnicode() ? "on" : "off");
            case "json.convert_nan_to_null" -> Optional.of(service.jsonConvertNanToNull() ? "on" : "off");
            default -> Optional.empty();
        };
    }


    private record InputInstance(String instanceName, PluginConfig config, Logger logger, PluginMetrics metrics,
                                 String tag, Emitter emitter, ServiceSettings service) implements InputContext {
        @Override
        public Optional<String> serviceSetting(String key) {
            return PluginContexts.serviceSetting(service, key);
        }
    }

    private record OutputInstance(String instanceName, PluginConfig config, Logger logger, PluginMetrics metrics,
                                  int workers, ServiceSettings service) implements OutputContext {
        @Override
        public Optional<String> serviceSetting(String key) {
            return PluginContexts.serviceSetting(service, key);
        }
    }
}
