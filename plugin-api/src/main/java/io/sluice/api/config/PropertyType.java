package io.sluice.api.config;

/** The type of a configuration property: how core checks its text and what {@link PluginConfig#get} returns. */
public enum PropertyType {
    /** Any text; a {@link String}. */
    STRING("string"),
    /** A whole number, nothing after it; an {@link Integer}. */
    INTEGER("integer"),
    /** A decimal number such as {@code 0.5}; a {@link Double}. */
    DOUBLE("double"),
    /** {@code on/off}, {@code true/false}, {@code yes/no}, any case; a {@link Boolean}. */
    BOOLEAN("boolean"),
    /** A byte count with an optional decimal suffix ({@code 32k}, {@code 5M}, {@code 1.5G}); a {@link Long}. */
    SIZE("size"),
    /** Whole seconds with an optional {@code s}, {@code m}, {@code h}, {@code d} suffix; a {@link java.time.Duration}. */
    TIME("time"),
    /** One of the declared choices, any case; the choice as declared, a {@link String}. */
    CHOICE("choice"),
    /** A {@link java.util.regex.Pattern}; {@code /re/flags} with flags {@code i}, {@code m}, {@code x} is understood. */
    REGEX("regex"),
    /** A readable regular file that exists; a {@link java.nio.file.Path}. */
    FILE("file");

    private final String label;

    PropertyType(String label) {
        this.label = label;
    }

    /** The name shown in help output. */
    public String label() {
        return label;
    }
}
