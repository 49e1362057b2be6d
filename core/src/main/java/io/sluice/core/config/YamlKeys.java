package io.sluice.core.config;

import java.util.Locale;

/**
 * Fluent Bit's spelling rule for YAML property keys: {@code memBufLimit} means {@code mem_buf_limit}. A key that does
 * not start with a lowercase letter keeps its letters, one that does and contains {@code _} is lower-cased, any other
 * goes from camelCase to snake_case. The result is then compared case-insensitively like a classic key, so it is stored lower case.
 */
final class YamlKeys {

    private YamlKeys() {
    }

    /** The key as Fluent Bit rewrites it, before lower-casing: {@code logLevel} → {@code log_level}. */
    static String translate(String key) {
        if (key.isEmpty() || !isAsciiLower(key.charAt(0))) {
            return key;
        }
        if (key.indexOf('_') >= 0) {
            return key.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (isAsciiUpper(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The key as a {@link ConfigEntry} holds it: translated, trimmed, lower case. */
    static String entryKey(String key) {
        return translate(key).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
