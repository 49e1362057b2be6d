package io.sluice.core.config;

import java.util.List;
import java.util.Locale;

/** The log levels a configuration may name: {@code off, error, warn (warning), info, debug, trace}. */
public final class LogLevels {

    /** From quietest to most verbose; the index is Fluent Bit's numeric level. */
    public static final List<String> ORDERED = List.of("off", "error", "warn", "info", "debug", "trace");

    private LogLevels() {
    }

    /** The canonical name of {@code text} (case-insensitive, {@code warning} → {@code warn}). */
    public static String parse(String text, Origin origin, String key) throws ConfigException {
        String level = text.trim().toLowerCase(Locale.ROOT);
        if (level.equals("warning")) {
            return "warn";
        }
        if (!ORDERED.contains(level)) {
            throw new ConfigException(origin, key,
                    "invalid log level '" + text + "', expected one of " + String.join(", ", ORDERED));
        }
        return level;
    }
}
