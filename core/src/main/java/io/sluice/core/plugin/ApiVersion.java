package io.sluice.core.plugin;

/**
 * A plugin-api version, {@code major.minor[.patch]}: a plugin fits when its major equals core's and its minor is not
 * higher.
 *
 * @param major incompatible changes
 * @param minor compatible additions
 */
public record ApiVersion(int major, int minor) {

    /** The plugin-api version this core carries, as major.minor. */
    public static ApiVersion carried() {
        return parse(io.sluice.core.Versions.PLUGIN_API);
    }

    /** Parses {@code 1.0.0}, {@code 1.2}; throws IllegalArgumentException on anything else. */
    public static ApiVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a version: '" + text + "'");
        }
        try {
            return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a version: '" + text + "'");
        }
    }

    /** Whether a plugin built against {@code pluginApi} can run on this (core's) version. */
    public boolean accepts(ApiVersion pluginApi) {
        return pluginApi.major == major && pluginApi.minor <= minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
