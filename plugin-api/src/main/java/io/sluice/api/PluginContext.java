package io.sluice.api;

import io.sluice.api.config.PluginConfig;
import java.util.Optional;
import org.slf4j.Logger;

/** What core hands every plugin instance. */
public interface PluginContext {

    /** The instance name, e.g. {@code tcp.0}, or its {@code Alias}. */
    String instanceName();

    /** The validated configuration of this instance. */
    PluginConfig config();

    /** A logger whose lines carry this instance's prefix, e.g. {@code [input:tcp:tcp.0]}. */
    Logger logger();

    /** The same logger with each kind of line limited to one per window, for problems caused by outside input. */
    RateLimitedLog rateLimitedLog();

    /** Counters of this instance, shown in metrics and in the shutdown summary. */
    PluginMetrics metrics();

    /**
     * A {@code [SERVICE]} setting plugins honour ({@code json.escape_unicode}, {@code json.convert_nan_to_null}),
     * effective value as {@code on}/{@code off}; empty for other keys.
     */
    Optional<String> serviceSetting(String key);
}
