package io.sluice.core.config;

import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.Property;
import io.sluice.core.plugin.LoadedPlugin;
import io.sluice.core.plugin.PluginCatalog;
import io.sluice.core.plugin.PluginKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link TestCatalog} plus a fake {@code grep} filter with Fluent Bit's repeatable {@code Regex} and {@code Exclude}. */
final class CatalogWithGrep implements PluginCatalog {

    private final TestCatalog catalog = new TestCatalog();
    private final LoadedPlugin<FilterPlugin> grep = LoadedPlugin.onClassPath(new FakeGrep(), PluginKind.FILTER);

    @Override
    public Optional<LoadedPlugin<InputPlugin>> input(String name) {
        return catalog.input(name);
    }

    @Override
    public Optional<LoadedPlugin<FilterPlugin>> filter(String name) {
        return name.equalsIgnoreCase("grep") ? Optional.of(grep) : Optional.empty();
    }

    @Override
    public Optional<LoadedPlugin<OutputPlugin>> output(String name) {
        return catalog.output(name);
    }

    @Override
    public List<LoadedPlugin<?>> all() {
        List<LoadedPlugin<?>> all = new ArrayList<>(catalog.all());
        all.add(grep);
        return all;
    }

    private static final class FakeGrep implements FilterPlugin {
        @Override
        public String name() {
            return "grep";
        }

        @Override
        public String description() {
            return "grep";
        }

        @Override
        public List<Property<?>> properties() {
            return List.of(Property.string("regex", "KEY REGEX to keep").repeatable(),
                    Property.string("exclude", "KEY REGEX to drop").repeatable());
        }

        @Override
        public Filter create(FilterContext context) throws PluginException {
            throw new PluginException("fake plugins are not created in configuration tests");
        }
    }
}
