package io.sluice.testkit;

import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.config.Setting;
import java.util.List;
import java.util.Map;

/** What core hands an output instance {@code <name>.0} flushed by {@code workers} workers. */
public final class TestOutputContext extends TestPluginContext implements OutputContext {

    private final int workers;

    /** The first instance of {@code plugin}, configured with {@code settings} in order (a key may repeat). */
    public TestOutputContext(OutputPlugin plugin, List<Setting> settings, int workers) {
        super(plugin.name() + ".0", TestConfigs.of(plugin, settings));
        this.workers = workers;
    }

    /** The first instance of {@code plugin}, configured with single-valued {@code settings}. */
    public static TestOutputContext of(OutputPlugin plugin, Map<String, String> settings, int workers) {
        return new TestOutputContext(plugin, settings.entrySet().stream()
                .map(e -> new Setting(e.getKey(), e.getValue())).toList(), workers);
    }

    @Override
    public int workers() {
        return workers;
    }
}
