package io.sluice.api;

import io.sluice.api.config.PluginConfig;
import org.slf4j.Logger;

/** What core hands every plugin instance. */
public interface PluginContext {

    /** The instance name, e.g. {@code tcp.0}, or its {@code Alias}. */
    String instanceName();

    /** The validated configuration of this instance. */
    PluginConfig config();

    /** A logger whose lines carry this instance's prefix, e.g. {@code [input:tcp:tcp.0]}. */
    Logger logger();

    /** Counters of this instance, shown in metrics and in the shutdown summary. */
    PluginMetrics metrics();

    /**
     * A {@code [SERVICE]} setting that plugins honour, such as {@code json.escape_unicode} or
     * {@code json.convert_nan_to_null}, as the user wrote it; empty when unset or unknown.
     */
    default java.util.Optional<String> serviceSetting(String key) {
        return java.util.Optional.empty();
    }
}
