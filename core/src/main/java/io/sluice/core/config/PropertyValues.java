package io.sluice.api.config;

import java.time.Duration;
import java.util.Locale;

/** Parsers for Fluent Bit's value syntax, shared by core's validation and {@link PluginConfig}. */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** {@code true/on/yes} or {@code false/off/no}, any case. */
    public static boolean parseBoolean(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes":
                return true;
            case "false", "off", "no":
                return false;
            default:
                throw new IllegalArgumentException("invalid value for boolean property: '" + text + "' (use on/off)");
        }
    }

    /**
     * A byte count: a number with an optional fraction and an optional decimal suffix {@code K KB M MB G GB} (any case;
     * K = 1000, as in Fluent Bit); {@code false} is 0.
     */
    public static long parseSize(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("false")) {
            return 0;
        }
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || t.charAt(end) == '.')) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("invalid size: '" + text + "' (e.g. 512k, 5M, 1G)");
        }
        double number;
        try {
            number = Double.parseDouble(t.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        long factor;
        switch (t.substring(end).trim().toUpperCase(Locale.ROOT)) {
            case "":
                factor = 1;
                break;
            case "K", "KB":
                factor = 1_000;
                break;
            case "M", "MB":
                factor = 1_000_000;
                break;
            case "G", "GB":
                factor = 1_000_000_000;
                break;
            default:
                throw new IllegalArgumentException("invalid size suffix in '" + text + "' (use K, M or G)");
        }
        return (long) (number * factor);
    }

    /** A duration: whole seconds with an optional {@code s}, {@code m}, {@code h} or {@code d} suffix. */
    public static Duration parseTime(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 's':
                    t = t.substring(0, t.length() - 1);
                    break;
                case 'm':
                    unit = 60;
                    t = t.substring(0, t.length() - 1);
                    break;
                case 'h':
                    unit = 3600;
                    t = t.substring(0, t.length() - 1);
                    break;
                case 'd':
                    unit = 86400;
                    t = t.substring(0, t.length() - 1);
                    break;
                default:
                    break;
            }
        }
        int dot = t.indexOf('.');
        String whole = dot >= 0 ? t.substring(0, dot) : t;
        if (whole.isEmpty() || !whole.chars().allMatch(Character::isDigit)
                || (dot >= 0 && !t.substring(dot + 1).chars().allMatch(Character::isDigit))) {
            throw new IllegalArgumentException("invalid time: '" + text + "' (e.g. 30, 30s, 5m, 1h)");
        }
        return Duration.ofSeconds(Long.parseLong(whole) * unit);
    }

    /**
     * A whole number read as C's {@code atoi} does: optional sign and leading digits, anything after them ignored
     * ({@code 10s} is 10; {@link #isPlainInteger} tells callers to warn). Text without leading digits is rejected
     * rather than read as 0.
     */
    public static long parseInteger(String text) {
        String t = text.trim();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int digits = i;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == digits) {
            throw new IllegalArgumentException("invalid integer: '" + text + "'");
        }
        try {
            return Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("integer out of range: '" + text + "'");
        }
    }

    /** Whether {@code text} is exactly an integer, with nothing that {@link #parseInteger} would ignore. */
    public static boolean isPlainInteger(String text) {
        return text.trim().matches("[-+]?\\d+");
    }

    /** A decimal number. */
    public static double parseDouble(String text) {
        try {
            double d = Double.parseDouble(text.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid number: '" + text + "'");
        }
    }

    /** Checks {@code text} against {@code spec}'s type and choices, throwing with a message that names the problem. */
    public static void validate(PropertySpec spec, String text) {
        switch (spec.type()) {
            case BOOLEAN -> parseBoolean(text);
            case SIZE -> parseSize(text);
            case TIME -> parseTime(text);
            case INTEGER -> parseInteger(text);
            case DOUBLE -> parseDouble(text);
            case STRING -> {
                if (!spec.choices().isEmpty()
                        && spec.choices().stream().noneMatch(c -> c.equalsIgnoreCase(text.trim()))) {
                    throw new IllegalArgumentException("invalid value '" + text + "', expected one of "
                            + String.join(", ", spec.choices()));
                }
            }
            default -> throw new IllegalStateException(spec.type().name());
        }
    }
}
