package io.sluice.api.testing;

import io.sluice.api.PluginContext;
import io.sluice.api.config.PluginConfig;
import org.slf4j.Logger;

/** What the test contexts share: a configuration validated as core validates it, a captured log and counters. */
public abstract class TestPluginContext implements PluginContext {

    private final String instanceName;
    private final PluginConfig config;
    private final CapturedLog log;
    private final CountingMetrics metrics = new CountingMetrics();

    protected TestPluginContext(String instanceName, PluginConfig config) {
        this.instanceName = instanceName;
        this.config = config;
        this.log = new CapturedLog(instanceName);
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
    public CountingMetrics metrics() {
        return metrics;
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
