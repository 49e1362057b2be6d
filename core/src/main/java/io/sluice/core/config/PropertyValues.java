package io.sluice.core.config;

import io.sluice.api.config.Property;
import io.sluice.api.config.PropertyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a property's text as its declared type, in Fluent Bit's value syntax, and checks its range. Every failure is
 * an {@link IllegalArgumentException} whose message names the value and the accepted forms, ready to follow
 * {@code file:line: key:} in an error line.
 */
public final class PropertyValues {

    private PropertyValues() {
    }

    /** The value of {@code text} for {@code property}: Integer, Double, Boolean, Long, Duration, Pattern, Path or String. */
    public static Object parse(Property<?> property, String text) {
        String t = text.trim();
        return switch (property.type()) {
            // kept as given: the classic format trims its values already, and YAML keeps quoted ones verbatim
            case STRING -> text;
            case BOOLEAN -> parseBoolean(t);
            case INTEGER -> (int) inRange(property, parseLong(t, describeRange(property)), t);
            case SIZE -> inRange(property, parseSize(t), t);
            case TIME -> {
                Duration d = parseTime(t);
                inRange(property, d.getSeconds(), t);
                yield d;
            }
            case DOUBLE -> {
                double d = parseDouble(t);
                if (d < property.min() || d > property.max()) {
                    throw new IllegalArgumentException("invalid value '" + t + "': expected " + describeRange(property));
                }
                yield d;
            }
            case CHOICE -> property.choices().stream().filter(c -> c.equalsIgnoreCase(t)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("invalid value '" + t + "': expected one of "
                            + String.join(", ", property.choices())));
            case REGEX -> parseRegex(t);
            case FILE -> existingFile(t);
        };
    }

    /** {@code true/on/yes} or {@code false/off/no}, any case. */
    public static boolean parseBoolean(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes":
                return true;
            case "false", "off", "no":
                return false;
            default:
                throw new IllegalArgumentException("invalid value for boolean property: '" + text
                        + "': expected on/off, true/false or yes/no");
        }
    }

    /** A whole number with an optional sign and nothing else; {@code what} words the expectation. */
    public static long parseLong(String text, String what) {
        String t = text.trim();
        if (!t.matches("[-+]?\\d+")) {
            throw new IllegalArgumentException("invalid value '" + text + "': expected " + what);
        }
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + text + "': the number is too large");
        }
    }

    /**
     * A byte count: a number with an optional fraction and an optional decimal suffix {@code K KB M MB G GB} (any
     * case; K = 1000, as in Fluent Bit); {@code false} is 0.
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
        String forms = "expected a size such as 512, 512k, 5M or 1.5G (K = 1000)";
        if (end == 0) {
            throw new IllegalArgumentException("invalid size '" + text + "': " + forms);
        }
        double number;
        try {
            number = Double.parseDouble(t.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "': " + forms);
        }
        long factor = switch (t.substring(end).trim().toUpperCase(Locale.ROOT)) {
            case "" -> 1;
            case "K", "KB" -> 1_000;
            case "M", "MB" -> 1_000_000;
            case "G", "GB" -> 1_000_000_000;
            default -> throw new IllegalArgumentException("invalid size '" + text + "': " + forms);
        };
        double bytes = number * factor;
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("invalid size '" + text + "': too large");
        }
        return (long) bytes;
    }

    /** A duration: whole seconds with an optional {@code s}, {@code m}, {@code h} or {@code d} suffix. */
    public static Duration parseTime(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty()) {
            char last = t.charAt(t.length() - 1);
            unit = switch (last) {
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                default -> 1;
            };
            if ("smhd".indexOf(last) >= 0) {
                t = t.substring(0, t.length() - 1);
            }
        }
        int dot = t.indexOf('.');
        String whole = dot >= 0 ? t.substring(0, dot) : t;
        if (whole.isEmpty() || !whole.chars().allMatch(Character::isDigit) || whole.length() > 12
                || (dot >= 0 && !t.substring(dot + 1).chars().allMatch(Character::isDigit))) {
            throw new IllegalArgumentException("invalid time '" + text + "': expected whole seconds with an optional "
                    + "s, m, h or d suffix, such as 30, 30s, 5m or 1h");
        }
        return Duration.ofSeconds(Long.parseLong(whole) * unit);
    }

    /** A finite decimal number. */
    public static double parseDouble(String text) {
        try {
            double d = Double.parseDouble(text.trim());
            if (Double.isNaN(d) || Double.isInfinite(d) || text.trim().matches(".*[a-zA-Z].*")) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + text + "': expected a number such as 1 or 0.5");
        }
    }

    /**
     * A regular expression. {@code /re/flags} (flags among {@code i}, {@code m}, {@code x}, {@code o}) loses its
     * slashes and takes the flags, as Fluent Bit's Onigmo wrapper does; {@code ^} and {@code $} match at line
     * boundaries, as in Ruby.
     */
    public static Pattern parseRegex(String text) {
        String pattern = text;
        int flags = Pattern.MULTILINE;
        int last = text.lastIndexOf('/');
        if (text.length() >= 2 && text.charAt(0) == '/' && last > 0
                && text.substring(last + 1).chars().allMatch(c -> "imxo".indexOf(c) >= 0)) {
            String f = text.substring(last + 1);
            pattern = text.substring(1, last);
            if (f.indexOf('i') >= 0) {
                flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            }
            if (f.indexOf('m') >= 0) {
                flags |= Pattern.DOTALL;
            }
            if (f.indexOf('x') >= 0) {
                flags |= Pattern.COMMENTS;
            }
        }
        try {
            return Pattern.compile(pattern, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + text + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "") + " (Java regex syntax)");
        }
    }

    private static Path existingFile(String text) {
        Path path = Path.of(text);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("file '" + text + "' does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("'" + text + "' is not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("file '" + text + "' is not readable");
        }
        return path;
    }

    private static long inRange(Property<?> property, long value, String text) {
        if (value < property.min() || value > property.max()) {
            throw new IllegalArgumentException("invalid value '" + text + "': expected " + describeRange(property));
        }
        return value;
    }

    /** The accepted range in words, e.g. {@code a whole number from 1 to 65535}. */
    public static String describeRange(Property<?> property) {
        String kind = switch (property.type()) {
            case INTEGER -> "a whole number";
            case SIZE -> "a size";
            case TIME -> "a time";
            case DOUBLE -> "a number";
            default -> "a value";
        };
        String unit = property.type() == PropertyType.SIZE ? " bytes" : property.type() == PropertyType.TIME
                ? " seconds" : "";
        boolean noLow = property.min() <= Integer.MIN_VALUE || property.min() <= -Double.MAX_VALUE
                || (property.min() == 0 && property.type() != PropertyType.INTEGER
                && property.type() != PropertyType.DOUBLE);
        boolean noHigh = property.max() >= Integer.MAX_VALUE;
        if (noLow && noHigh) {
            return kind;
        }
        if (noHigh) {
            return kind + " of at least " + number(property.min()) + unit;
        }
        if (noLow) {
            return kind + " of at most " + number(property.max()) + unit;
        }
        return kind + " from " + number(property.min()) + " to " + number(property.max()) + unit;
    }

    /** {@code d} without a fraction when it is whole: {@code 1}, {@code 0.2}. */
    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
