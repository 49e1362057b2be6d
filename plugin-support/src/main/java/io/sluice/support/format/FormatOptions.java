package io.sluice.support.format;

import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How an output formats its records.
 *
 * @param format              the payload format
 * @param dateKey             the key of the timestamp inserted first in every JSON object, or {@code null} for none
 * @param dateFormat          how that timestamp is written
 * @param escapeUnicode       whether non-ASCII characters are written as <code>&#92;uXXXX</code> (Fluent Bit's
 *                            {@code json.escape_unicode}, on by default) rather than raw UTF-8
 * @param nanToNull           whether NaN and infinities are written as {@code null} (default) rather than Fluent Bit's
 *                            invalid-JSON {@code nan}/{@code inf}/{@code -inf}
 * @param gelfShortMessageKey the body key sent as GELF {@code short_message}
 * @param gelfFullMessageKey  the body key sent as GELF {@code full_message}
 * @param gelfHostKey         the body key sent as GELF {@code host}
 * @param gelfLevelKey        the body key sent as GELF {@code level}
 * @param gelfTimestampKey    the body key sent as GELF {@code timestamp}
 */
public record FormatOptions(Format format, String dateKey, DateFormat dateFormat, boolean escapeUnicode,
                            boolean nanToNull, String gelfShortMessageKey, String gelfFullMessageKey,
                            String gelfHostKey, String gelfLevelKey, String gelfTimestampKey) {

    /** {@code format}, read back whatever choices the output declared. */
    public static final Property<String> FORMAT = Property.choice("format", "The payload format",
            Arrays.stream(Format.values()).map(Format::optionValue).toArray(String[]::new));
    /** {@code json_date_key}. */
    public static final Property<String> JSON_DATE_KEY = Property.string("json_date_key",
            "Specifies the name of the date field in output; false, off or no disables it").withDefault("date");
    /** {@code json_date_format}. */
    public static final Property<String> JSON_DATE_FORMAT = Property.choice("json_date_format",
            "Specifies the format of the date. Supported formats are double, epoch, epoch_ms, iso8601 "
                    + "and java_sql_timestamp", DateFormat.allNames().toArray(String[]::new))
            .withDefault(DateFormat.DOUBLE.optionValue());
    /** {@code gelf_short_message_key}. */
    public static final Property<String> GELF_SHORT_MESSAGE_KEY = Property.string("gelf_short_message_key",
            "Specify the key to use as the short message in gelf format").withDefault("short_message");
    /** {@code gelf_full_message_key}. */
    public static final Property<String> GELF_FULL_MESSAGE_KEY = Property.string("gelf_full_message_key",
            "Specify the key to use for the full message in gelf format").withDefault("full_message");
    /** {@code gelf_host_key}. */
    public static final Property<String> GELF_HOST_KEY = Property.string("gelf_host_key",
            "Specify the key to use for the host in gelf format").withDefault("host");
    /** {@code gelf_level_key}. */
    public static final Property<String> GELF_LEVEL_KEY = Property.string("gelf_level_key",
            "Specify the key to use for the level in gelf format").withDefault("level");
    /** {@code gelf_timestamp_key}. */
    public static final Property<String> GELF_TIMESTAMP_KEY = Property.string("gelf_timestamp_key",
            "Specify the key to use for the timestamp in gelf format").withDefault("timestamp");

    /** Checks the required parts; an empty date key means none. */
    public FormatOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dateFormat, "dateFormat");
        Objects.requireNonNull(gelfShortMessageKey, "gelfShortMessageKey");
        Objects.requireNonNull(gelfFullMessageKey, "gelfFullMessageKey");
        Objects.requireNonNull(gelfHostKey, "gelfHostKey");
        Objects.requireNonNull(gelfLevelKey, "gelfLevelKey");
        Objects.requireNonNull(gelfTimestampKey, "gelfTimestampKey");
        if (dateKey != null && dateKey.isEmpty()) {
            dateKey = null;
        }
    }

    /** Fluent Bit's defaults for {@code format}: date key {@code date}, date format double, unicode escaped. */
    public static FormatOptions of(Format format) {
        return new FormatOptions(format, "date", DateFormat.DOUBLE, true, true,
                "short_message", "full_message", "host", "level", "timestamp");
    }

    /** A copy with another date key ({@code null} for none). */
    public FormatOptions withDateKey(String key) {
        return new FormatOptions(format, key, dateFormat, escapeUnicode, nanToNull, gelfShortMessageKey,
                gelfFullMessageKey, gelfHostKey, gelfLevelKey, gelfTimestampKey);
    }

    /** A copy with another date format. */
    public FormatOptions withDateFormat(DateFormat newDateFormat) {
        return new FormatOptions(format, dateKey, newDateFormat, escapeUnicode, nanToNull, gelfShortMessageKey,
                gelfFullMessageKey, gelfHostKey, gelfLevelKey, gelfTimestampKey);
    }

    /** A copy with unicode escaping on or off. */
    public FormatOptions withEscapeUnicode(boolean escape) {
        return new FormatOptions(format, dateKey, dateFormat, escape, nanToNull, gelfShortMessageKey,
                gelfFullMessageKey, gelfHostKey, gelfLevelKey, gelfTimestampKey);
    }

    /** A copy with non-finite floats written as {@code null} or as Fluent Bit's literal tokens. */
    public FormatOptions withNanToNull(boolean toNull) {
        return new FormatOptions(format, dateKey, dateFormat, escapeUnicode, toNull, gelfShortMessageKey,
                gelfFullMessageKey, gelfHostKey, gelfLevelKey, gelfTimestampKey);
    }

    /** A copy with other GELF key names, in the order short_message, full_message, host, level, timestamp. */
    public FormatOptions withGelfKeys(String shortMessage, String fullMessage, String host, String level,
                                      String timestamp) {
        return new FormatOptions(format, dateKey, dateFormat, escapeUnicode, nanToNull, shortMessage, fullMessage,
                host, level, timestamp);
    }

    /**
     * The declarations of {@code format} (one of {@code allowedFormats}, default {@code defaultFormat}),
     * {@code json_date_key}, {@code json_date_format} and, when gelf is allowed, the {@code gelf_*} keys; an output
     * adds them to its own properties and reads them back with {@link #from(PluginConfig)}.
     */
    public static List<Property<?>> properties(String defaultFormat, String... allowedFormats) {
        String[] allowed = allowedFormats.length == 0
                ? Arrays.stream(Format.values()).map(Format::optionValue).toArray(String[]::new)
                : Arrays.stream(allowedFormats).map(f -> Format.parse(f).optionValue()).toArray(String[]::new);
        String def = Format.parse(defaultFormat).optionValue();
        if (!Arrays.asList(allowed).contains(def)) {
            throw new IllegalArgumentException("default format " + def + " is not among " + Arrays.toString(allowed));
        }
        List<Property<?>> specs = new ArrayList<>();
        specs.add(Property.choice(FORMAT.name(),
                "Specifies the data format to be printed. Supported formats are " + String.join(", ", allowed),
                allowed).withDefault(def));
        specs.add(JSON_DATE_KEY);
        specs.add(JSON_DATE_FORMAT);
        if (Arrays.asList(allowed).contains(Format.GELF.optionValue())) {
            specs.addAll(List.of(GELF_SHORT_MESSAGE_KEY, GELF_FULL_MESSAGE_KEY, GELF_HOST_KEY, GELF_LEVEL_KEY,
                    GELF_TIMESTAMP_KEY));
        }
        return specs;
    }

    /** The options of a configuration declared with {@link #properties}; {@code json_date_key false} means none. */
    public static FormatOptions from(PluginConfig config) {
        Format format = Format.parse(config.get(FORMAT));
        String dateKey = config.get(JSON_DATE_KEY);
        if (dateKey != null) {
            switch (dateKey.toLowerCase(Locale.ROOT)) {
                case "false", "off", "no" -> dateKey = null;
                default -> { }
            }
        }
        FormatOptions options = of(format).withDateKey(dateKey)
                .withDateFormat(DateFormat.parse(config.get(JSON_DATE_FORMAT)));
        if (format == Format.GELF) {
            options = options.withGelfKeys(config.get(GELF_SHORT_MESSAGE_KEY), config.get(GELF_FULL_MESSAGE_KEY),
                    config.get(GELF_HOST_KEY), config.get(GELF_LEVEL_KEY), config.get(GELF_TIMESTAMP_KEY));
        }
        return options;
    }

    /**
     * The options of {@code context}'s configuration with the service-wide {@code json.escape_unicode} applied: what
     * an output should use. ({@code json.convert_nan_to_null} is not read: sluice always writes non-finite numbers
     * as {@code null}, since Fluent Bit's {@code nan} is not JSON.)
     */
    public static FormatOptions from(io.sluice.api.PluginContext context) {
        FormatOptions options = from(context.config());
        return options.withEscapeUnicode(context.serviceSetting("json.escape_unicode")
                .map(v -> !v.equalsIgnoreCase("off")).orElse(options.escapeUnicode()));
    }
}
