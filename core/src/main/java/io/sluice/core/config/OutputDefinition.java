package io.sluice.core.config;

import io.sluice.api.OutputPlugin;
import io.sluice.core.plugin.LoadedPlugin;
import java.util.regex.Pattern;

/**
 * One configured output instance, validated and ready to create.
 *
 * @param plugin       the plugin it instantiates
 * @param instanceName {@code <plugin>.<id>}, or its Alias
 * @param match        the {@code Match} glob, or {@code null}
 * @param matchRegex   the {@code Match_Regex}, or {@code null}
 * @param retryLimit   retries allowed after the first attempt; {@link #UNLIMITED} for {@code no_limits}
 * @param workers      flush threads (at least one)
 * @param logLevel     its own log level, or {@code null} for the service's
 * @param totalLimitSize {@code storage.total_limit_size} in bytes, 0 for none
 * @param pauseOnOverflow {@code storage.overflow_action pause}: inputs pause instead of the oldest chunks dropping
 * @param config       its plugin properties, validated against the plugin's declarations
 * @param origin       where the section was declared
 */
public record OutputDefinition(LoadedPlugin<OutputPlugin> plugin, String instanceName, String match,
                               Pattern matchRegex, int retryLimit, int workers, String logLevel,
                               long totalLimitSize, boolean pauseOnOverflow, ValidatedConfig config,
                               Origin origin) {

    /** {@code Retry_Limit no_limits}. */
    public static final int UNLIMITED = -1;

    /** This definition with {@code newMatch} as its Match. */
    public OutputDefinition withMatch(String newMatch) {
        return new OutputDefinition(plugin, instanceName, newMatch, matchRegex, retryLimit, workers, logLevel,
                totalLimitSize, pauseOnOverflow, config, origin);
    }

    /** The name of this instance's logger, which prefixes its lines: {@code [output:<plugin>:<instance>]}. */
    public String loggerName() {
        return "output:" + plugin.name() + ":" + instanceName;
    }
}
