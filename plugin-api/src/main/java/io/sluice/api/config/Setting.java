package io.sluice.api.config;

/**
 * One entry of a plugin's section as the user wrote it, variables expanded, for plugins whose rules depend on the
 * order of different keys (e.g. interleaved {@code Regex} and {@code Exclude}).
 *
 * @param key   the key, lower case
 * @param value the value
 */
public record Setting(String key, String value) {
}
