package io.sluice.core.config;

import io.sluice.api.FilterPlugin;
import io.sluice.core.plugin.LoadedPlugin;
import java.util.regex.Pattern;

/**
 * One configured filter instance, validated and ready to create.
 *
 * @param plugin       the plugin it instantiates
 * @param instanceName {@code <plugin>.<id>}, or its Alias
 * @param match        the {@code Match} glob, or {@code null}
 * @param matchRegex   the {@code Match_Regex}, or {@code null}
 * @param logLevel     its own log level, or {@code null} for the service's
 * @param config       its plugin properties, validated against the plugin's declarations
 * @param origin       where the section was declared
 */
public record FilterDefinition(LoadedPlugin<FilterPlugin> plugin, String instanceName, String match,
                               Pattern matchRegex, String logLevel, ValidatedConfig config, Origin origin) {

    /** The name of this instance's logger, which prefixes its lines: {@code [filter:<plugin>:<instance>]}. */
    public String loggerName() {
        return "filter:" + plugin.name() + ":" + instanceName;
    }
}
