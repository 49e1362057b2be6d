package io.sluice.core.config;

/**
 * One {@code key value} pair of a section, as written.
 *
 * @param key    the key, lower case
 * @param value  the value, trimmed, before {@code ${VAR}} expansion
 * @param origin where it was written
 */
public record ConfigEntry(String key, String value, Origin origin) {
}
