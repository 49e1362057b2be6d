package io.sluice.api.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One declared configuration property.
 *
 * @param name         the key, lower case (keys are matched case-insensitively)
 * @param type         how the value is validated and read
 * @param defaultValue the value when the key is absent, as text, or {@code null} for none
 * @param description  a sentence for the help output
 * @param multiple     whether the key may be repeated, each value kept in order (e.g. {@code Header})
 * @param choices      the allowed values (compared case-insensitively), or empty for any value of the type
 * @param group        where the help output lists it
 */
public record PropertySpec(String name, PropertyType type, String defaultValue, String description,
                           boolean multiple, List<String> choices, PropertyGroup group) {

    /** Checks and normalises the declaration. */
    public PropertySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        name = name.toLowerCase(Locale.ROOT);
        choices = List.copyOf(choices);
        group = group == null ? PropertyGroup.OPTIONS : group;
    }

    /** A single-valued property of {@code type} in the OPTIONS group. */
    public static PropertySpec of(String name, PropertyType type, String defaultValue, String description) {
        return new PropertySpec(name, type, defaultValue, description, false, List.of(), PropertyGroup.OPTIONS);
    }

    /** A string property whose value must be one of {@code choices} (case-insensitive). */
    public static PropertySpec choice(String name, String defaultValue, String description, String... choices) {
        return new PropertySpec(name, PropertyType.STRING, defaultValue, description, false, List.of(choices),
                PropertyGroup.OPTIONS);
    }

    /** A repeatable string property; every value is kept in order. */
    public static PropertySpec multi(String name, String description) {
        return new PropertySpec(name, PropertyType.STRING, null, description, true, List.of(), PropertyGroup.OPTIONS);
    }

    /** This declaration listed under {@code group} in the help output. */
    public PropertySpec inGroup(PropertyGroup newGroup) {
        return new PropertySpec(name, type, defaultValue, description, multiple, choices, newGroup);
    }
}
