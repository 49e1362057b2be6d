package io.sluice.core.config;

import java.util.Locale;
import java.util.function.Consumer;

/** Reads {@code Retry_Limit}: N, {@code no_limits}/{@code false}/{@code off}, or {@code no_retries}. */
final class RetryLimit {

    /** Upstream's default: one retry. */
    static final int DEFAULT = 1;

    private RetryLimit() {
    }

    /** The limit {@code entry} sets ({@code null}: the default); junk and values ≤ 0 warn and mean 1. */
    static int parse(ConfigEntry entry, Consumer<String> warnings) {
        if (entry == null) {
            return DEFAULT;
        }
        String text = entry.value().trim().toLowerCase(Locale.ROOT);
        switch (text) {
            case "no_limits", "false", "off":
                return OutputDefinition.UNLIMITED;
            case "no_retries":
                return 0;
            default:
                break;
        }
        try {
            long n = Long.parseLong(text);
            if (n > 0) {
                return (int) Math.min(Integer.MAX_VALUE, n);
            }
        } catch (NumberFormatException e) {
            // reported below like a value ≤ 0
        }
        warnings.accept("[config] " + entry.origin() + ": invalid retry_limit '" + entry.value()
                + "', using " + DEFAULT);
        return DEFAULT;
    }
}
