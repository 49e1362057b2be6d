package io.sluice.testkit;

import io.sluice.api.PluginContext;
import io.sluice.api.RateLimitedLog;
import io.sluice.api.config.PluginConfig;
import io.sluice.core.log.SuppressingLog;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/** What the test contexts share: a configuration validated as core validates it, a captured log and counters. */
public abstract class TestPluginContext implements PluginContext {

    private final String instanceName;
    private final PluginConfig config;
    private final CapturedLog log;
    private final SuppressingLog limitedLog;
    private final CountingMetrics metrics = new CountingMetrics();
    private final Map<String, String> service = new HashMap<>();

    protected TestPluginContext(String instanceName, PluginConfig config) {
        this.instanceName = instanceName;
        this.config = config;
        this.log = new CapturedLog(instanceName);
        this.limitedLog = new SuppressingLog(log.logger(), 10_000);
    }

    @Override
    public String instanceName() {
        return instanceName;
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public Logger logger() {
        return log.logger();
    }

    @Override
    public RateLimitedLog rateLimitedLog() {
        return limitedLog;
    }

    @Override
    public CountingMetrics metrics() {
        return metrics;
    }

    @Override
    public Optional<String> serviceSetting(String key) {
        return Optional.ofNullable(service.get(key));
    }

    /** Sets a {@code [SERVICE]} setting the plugin may read, e.g. {@code json.escape_unicode off}. */
    public TestPluginContext withServiceSetting(String key, String value) {
        service.put(key, value);
        return this;
    }

    /** The plugin's log lines so far. */
    public CapturedLog log() {
        return log;
    }

    /** The value of the plugin's counter {@code name}: 0 if it never registered it. */
    public long counter(String name) {
        return metrics.value(name);
    }
}
