package io.sluice.core.engine;

import io.sluice.api.Emitter;
import io.sluice.api.FilterContext;
import io.sluice.api.InputContext;
import io.sluice.api.OutputContext;
import io.sluice.api.PluginMetrics;
import io.sluice.api.RateLimitedLog;
import io.sluice.api.config.PluginConfig;
import io.sluice.core.config.ServiceSettings;
import io.sluice.core.log.SuppressingLog;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine hands plugin instances; their loggers are named {@code <kind>:<plugin>:<instance>}, and the
 * service settings they may read are {@code json.escape_unicode} and {@code json.convert_nan_to_null} (as
 * {@code on}/{@code off}, the effective values).
 */
final class PluginContexts {

    /** The window of a plugin's rate-limited log. */
    static final long LIMITED_LOG_WINDOW_MILLIS = 10_000;

    private PluginContexts() {
    }

    static InputContext input(InputLane lane, ServiceSettings service, BiConsumer<String, Throwable> failures) {
        var d = lane.definition();
        Logger logger = LoggerFactory.getLogger(d.loggerName());
        return new InputInstance(d.instanceName(), d.config(), logger,
                new SuppressingLog(logger, LIMITED_LOG_WINDOW_MILLIS), lane.metrics().pluginView(), d.tag(), lane,
                service, failures);
    }

    static FilterContext filter(FilterLane lane, ServiceSettings service) {
        var d = lane.definition();
        Logger logger = LoggerFactory.getLogger(d.loggerName());
        return new FilterInstance(d.instanceName(), d.config(), logger,
                new SuppressingLog(logger, LIMITED_LOG_WINDOW_MILLIS), lane.metrics().pluginView(), service);
    }

    static OutputContext output(OutputLane lane, ServiceSettings service) {
        var d = lane.definition();
        Logger logger = LoggerFactory.getLogger(d.loggerName());
        return new OutputInstance(d.instanceName(), d.config(), logger,
                new SuppressingLog(logger, LIMITED_LOG_WINDOW_MILLIS), lane.metrics().pluginView(),
                lane.workerCount(), service);
    }

    static Optional<String> serviceSetting(ServiceSettings service, String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "json.escape_unicode" -> Optional.of(service.jsonEscapeUnicode() ? "on" : "off");
            case "json.convert_nan_to_null" -> Optional.of(service.jsonConvertNanToNull() ? "on" : "off");
            default -> Optional.empty();
        };
    }

    private record InputInstance(String instanceName, PluginConfig config, Logger logger,
                                 RateLimitedLog rateLimitedLog, PluginMetrics metrics, String tag, Emitter emitter,
                                 ServiceSettings service, BiConsumer<String, Throwable> failures)
            implements InputContext {
        @Override
        public Optional<String> serviceSetting(String key) {
            return PluginContexts.serviceSetting(service, key);
        }

        @Override
        public void reportFailure(String reason, Throwable cause) {
            failures.accept(reason, cause);
        }
    }

    private record FilterInstance(String instanceName, PluginConfig config, Logger logger,
                                  RateLimitedLog rateLimitedLog, PluginMetrics metrics, ServiceSettings service)
            implements FilterContext {
        @Override
        public Optional<String> serviceSetting(String key) {
            return PluginContexts.serviceSetting(service, key);
        }
    }

    private record OutputInstance(String instanceName, PluginConfig config, Logger logger,
                                  RateLimitedLog rateLimitedLog, PluginMetrics metrics, int workers,
                                  ServiceSettings service) implements OutputContext {
        @Override
        public Optional<String> serviceSetting(String key) {
            return PluginContexts.serviceSetting(service, key);
        }
    }
}
