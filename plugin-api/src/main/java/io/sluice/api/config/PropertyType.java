package io.sluice.api.config;

/** The type of a configuration property, which decides how its text is validated and read. */
public enum PropertyType {
    /** Any text. */
    STRING("string"),
    /** A whole number (C {@code atoi} rules: leading digits are read, text after them is ignored with a warning). */
    INTEGER("integer"),
    /** A decimal number such as {@code 0.5}. */
    DOUBLE("double"),
    /** {@code on/off}, {@code true/false}, {@code yes/no}, any case. */
    BOOLEAN("boolean"),
    /** A byte count with an optional decimal suffix: {@code 32k}, {@code 5M}, {@code 1.5G}; {@code false} is 0. */
    SIZE("size"),
    /** A duration in seconds with an optional {@code m}, {@code h}, {@code d} suffix. */
    TIME("time");

    private final String label;

    PropertyType(String label) {
        this.label = label;
    }

    /** The name shown in help output, as Fluent Bit prints it. */
    public String label() {
        return label;
    }
}
