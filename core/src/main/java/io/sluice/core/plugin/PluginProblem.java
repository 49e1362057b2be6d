package io.sluice.core.plugin;

import java.nio.file.Path;

/**
 * A plugin jar or folder that was skipped, and why, in words that say what to fix.
 *
 * @param source the jar or folder
 * @param reason what is wrong
 */
public record PluginProblem(Path source, String reason) {

    @Override
    public String toString() {
        return source + ": " + reason;
    }
}
