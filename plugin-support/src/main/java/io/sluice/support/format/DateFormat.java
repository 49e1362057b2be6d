package io.sluice.support.format;

import java.util.List;
import java.util.Locale;

/** How the record timestamp is written under the date key: Fluent Bit's {@code json_date_format} option. */
public enum DateFormat {
    /** Seconds with fraction as a JSON number, e.g. {@code 1700000000.123457}. */
    DOUBLE("double"),
    /** Whole seconds, e.g. {@code 1700000000}. */
    EPOCH("epoch"),
    /** Whole milliseconds, truncated, e.g. {@code 1700000000123}. */
    EPOCH_MS("epoch_ms", "epoch_millis", "epoch_milliseconds"),
    /** UTC with microseconds and {@code Z}, e.g. {@code "2023-11-14T22:13:20.123456Z"}. */
    ISO8601("iso8601"),
    /** UTC with microseconds and no zone, e.g. {@code "2023-11-14 22:13:20.123456"}. */
    JAVA_SQL_TIMESTAMP("java_sql_timestamp");

    private final List<String> names;

    DateFormat(String... names) {
        this.names = List.of(names);
    }

    /** The accepted option values, the canonical one first. */
    public List<String> names() {
        return names;
    }

    /** The canonical option value, e.g. {@code epoch_ms}. */
    public String optionValue() {
        return names.get(0);
    }

    /** The date format named {@code text} (or an alias), any case; unknown names throw. */
    public static DateFormat parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (DateFormat f : values()) {
            if (f.names.contains(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("invalid json_date_format '" + text + "', expected one of "
                + String.join(", ", allNames()));
    }

    /** Every accepted option value, aliases included. */
    public static List<String> allNames() {
        return java.util.Arrays.stream(values()).flatMap(f -> f.names.stream()).toList();
    }
}
