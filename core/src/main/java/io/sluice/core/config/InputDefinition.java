package io.sluice.core.config;

import io.sluice.api.InputPlugin;
import io.sluice.core.plugin.LoadedPlugin;

/**
 * One configured input instance, validated and ready to create.
 *
 * @param plugin       the plugin it instantiates
 * @param instanceName {@code <plugin>.<id>}, or its Alias
 * @param tag          the tag of its events
 * @param memBufLimit  {@code Mem_Buf_Limit} in bytes, 0 for none
 * @param logLevel     its own log level, or {@code null} for the service's
 * @param routable     {@code Routable}: false discards its data
 * @param storageType  {@code storage.type}: memory, filesystem or memrb
 * @param pauseOnChunksOverlimit {@code storage.pause_on_chunks_overlimit}
 * @param config       its plugin properties, validated against the plugin's declarations
 * @param origin       where the section was declared
 */
public record InputDefinition(LoadedPlugin<InputPlugin> plugin, String instanceName, String tag, long memBufLimit,
                              String logLevel, boolean routable, StorageType storageType,
                              boolean pauseOnChunksOverlimit, ValidatedConfig config, Origin origin) {

    /** The name of this instance's logger, which prefixes its lines: {@code [input:<plugin>:<instance>]}. */
    public String loggerName() {
        return "input:" + plugin.name() + ":" + instanceName;
    }
}
