package io.sluice.testkit;

import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.config.Setting;
import java.util.List;

/** What core hands a filter instance {@code <name>.0}. */
public final class TestFilterContext extends TestPluginContext implements FilterContext {

    /** The first instance of {@code plugin}, configured with {@code settings} in order (a key may repeat). */
    public TestFilterContext(FilterPlugin plugin, List<Setting> settings) {
        super(plugin.name() + ".0", TestConfigs.of(plugin, settings));
    }
}
