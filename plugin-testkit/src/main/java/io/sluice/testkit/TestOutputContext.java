package io.sluice.api.testing;

import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.config.PluginConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What core hands an output instance {@code <name>.0} flushed by {@code workers} workers. */
public final class TestOutputContext extends TestPluginContext implements OutputContext {

    private final int workers;

    /** The first instance of {@code plugin}, configured with {@code settings} (a key may repeat). */
    public TestOutputContext(OutputPlugin plugin, Map<String, List<String>> settings, int workers) {
        super(plugin.name() + ".0", PluginConfig.of(plugin.properties(), settings));
        this.workers = workers;
    }

    /** The first instance of {@code plugin}, configured with single-valued {@code settings}. */
    public static TestOutputContext of(OutputPlugin plugin, Map<String, String> settings, int workers) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        settings.forEach((k, v) -> given.put(k, List.of(v)));
        return new TestOutputContext(plugin, given, workers);
    }

    @Override
    public int workers() {
        return workers;
    }
}
