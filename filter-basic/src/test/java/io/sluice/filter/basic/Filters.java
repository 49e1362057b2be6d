package io.sluice.filter.basic;

import io.sluice.api.Filter;
import io.sluice.api.FilterPlugin;
import io.sluice.api.PluginException;
import io.sluice.testkit.TestConfigs;
import io.sluice.testkit.TestFilterContext;

/** Filter instances configured as core configures them. */
final class Filters {

    private Filters() {
    }

    /**
     * An instance of {@code plugin} with its context.
     *
     * @param filter  the running filter
     * @param context its context: log lines and counters
     */
    record Made(Filter filter, TestFilterContext context) {
        Run run(String tag, String... bodies) {
            return Run.of(filter, tag, bodies);
        }

        long counter(String name) {
            return context.counter(name);
        }
    }

    /** {@code plugin} configured with {@code key, value, key, value…} in order. */
    static Made make(FilterPlugin plugin, String... keyValues) {
        TestFilterContext context = new TestFilterContext(plugin, TestConfigs.settings(keyValues));
        try {
            Filter filter = plugin.create(context);
            filter.start();
            return new Made(filter, context);
        } catch (PluginException e) {
            throw new AssertionError(e);
        }
    }

    /** The message core shows for a refused configuration, or null when it is accepted. */
    static String configError(FilterPlugin plugin, String... keyValues) {
        try {
            TestConfigs.of(plugin, TestConfigs.settings(keyValues));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
