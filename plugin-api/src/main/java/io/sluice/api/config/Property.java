package io.sluice.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One declared configuration property: its key, type, default, description and constraints. A plugin declares each
 * once, lists them in {@code properties()}, and reads its typed value with {@link PluginConfig#get}; core derives
 * validation, error messages and {@code -h} output from the declaration. Immutable: each {@code with…} method
 * returns a new declaration.
 *
 * @param <T> the Java type of the value
 */
public final class Property<T> {

    private final String name;
    private final PropertyType type;
    private final String description;
    private final String defaultValue;
    private final boolean repeatable;
    private final boolean required;
    private final boolean secret;
    private final String replacedBy;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final PropertyGroup group;

    private Property(String name, PropertyType type, String description, String defaultValue, boolean repeatable,
                     boolean required, boolean secret, String replacedBy, double min, double max,
                     List<String> choices, PropertyGroup group) {
        this.name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        this.type = type;
        this.description = Objects.requireNonNull(description, "description");
        this.defaultValue = defaultValue;
        this.repeatable = repeatable;
        this.required = required;
        this.secret = secret;
        this.replacedBy = replacedBy;
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.group = group;
    }

    private static <T> Property<T> of(String name, PropertyType type, String description, double min, double max) {
        return new Property<>(name, type, description, null, false, false, false, null, min, max, List.of(),
                PropertyGroup.OPTIONS);
    }

    /** Any text. */
    public static Property<String> string(String name, String description) {
        return of(name, PropertyType.STRING, description, 0, 0);
    }

    /** A whole number; {@link #range} narrows it. */
    public static Property<Integer> integer(String name, String description) {
        return of(name, PropertyType.INTEGER, description, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A decimal number; {@link #range} narrows it. */
    public static Property<Double> decimal(String name, String description) {
        return of(name, PropertyType.DOUBLE, description, -Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /** On or off. */
    public static Property<Boolean> bool(String name, String description) {
        return of(name, PropertyType.BOOLEAN, description, 0, 0);
    }

    /** A byte count, at least 0; {@link #range} narrows it. */
    public static Property<Long> size(String name, String description) {
        return of(name, PropertyType.SIZE, description, 0, Long.MAX_VALUE);
    }

    /** A duration in whole seconds, at least 0; {@link #range} narrows it (in seconds). */
    public static Property<Duration> time(String name, String description) {
        return of(name, PropertyType.TIME, description, 0, Long.MAX_VALUE);
    }

    /** One of {@code choices}, compared without case; the value read is the choice as written here. */
    public static Property<String> choice(String name, String description, String... choices) {
        if (choices.length == 0) {
            throw new IllegalArgumentException("a choice needs choices");
        }
        return new Property<>(name, PropertyType.CHOICE, description, null, false, false, false, null, 0, 0,
                List.of(choices), PropertyGroup.OPTIONS);
    }

    /** A regular expression (java.util.regex), compiled by core. */
    public static Property<Pattern> regex(String name, String description) {
        return of(name, PropertyType.REGEX, description, 0, 0);
    }

    /** A readable regular file that must exist when the configuration is loaded. */
    public static Property<Path> file(String name, String description) {
        return of(name, PropertyType.FILE, description, 0, 0);
    }

    /** This property with {@code text} as its default, written as a user would write the value. */
    public Property<T> withDefault(String text) {
        return new Property<>(name, type, description, text, repeatable, required, secret, replacedBy, min, max,
                choices, group);
    }

    /** This property accepting only values from {@code low} to {@code high}, inclusive (seconds for times). */
    public Property<T> range(double low, double high) {
        if (low > high) {
            throw new IllegalArgumentException("empty range " + low + ".." + high);
        }
        return new Property<>(name, type, description, defaultValue, repeatable, required, secret, replacedBy, low,
                high, choices, group);
    }

    /** This property, which may be given several times; every value is kept in order. */
    public Property<T> repeatable() {
        return new Property<>(name, type, description, defaultValue, true, required, secret, replacedBy, min, max,
                choices, group);
    }

    /** This property, which must be given. */
    public Property<T> required() {
        return new Property<>(name, type, description, defaultValue, repeatable, true, secret, replacedBy, min, max,
                choices, group);
    }

    /** This property, whose values core never logs or prints ({@code -h}, {@code --dry-run}, errors). */
    public Property<T> secret() {
        return new Property<>(name, type, description, defaultValue, repeatable, required, true, replacedBy, min, max,
                choices, group);
    }

    /** This property, deprecated: core warns and reads its values as values of {@code replacement}. */
    public Property<T> deprecated(String replacement) {
        return new Property<>(name, type, description, defaultValue, repeatable, required, secret,
                replacement.toLowerCase(Locale.ROOT), min, max, choices, group);
    }

    /** This property listed under {@code newGroup} in the help output. */
    public Property<T> inGroup(PropertyGroup newGroup) {
        return new Property<>(name, type, description, defaultValue, repeatable, required, secret, replacedBy, min,
                max, choices, newGroup);
    }

    /** The key, lower case; keys match without case. */
    public String name() {
        return name;
    }

    /** How the value is checked and read. */
    public PropertyType type() {
        return type;
    }

    /** A sentence for the help output. */
    public String description() {
        return description;
    }

    /** The default as text, or {@code null}. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Whether the key may be repeated. */
    public boolean isRepeatable() {
        return repeatable;
    }

    /** Whether the key must be given. */
    public boolean isRequired() {
        return required;
    }

    /** Whether the value is secret. */
    public boolean isSecret() {
        return secret;
    }

    /** The key that replaces this deprecated one, or {@code null}. */
    public String replacedBy() {
        return replacedBy;
    }

    /** The smallest accepted number (seconds for times). */
    public double min() {
        return min;
    }

    /** The largest accepted number (seconds for times). */
    public double max() {
        return max;
    }

    /** The accepted values of a {@link PropertyType#CHOICE}. */
    public List<String> choices() {
        return choices;
    }

    /** Where the help output lists it. */
    public PropertyGroup group() {
        return group;
    }

    @Override
    public String toString() {
        return name;
    }
}
