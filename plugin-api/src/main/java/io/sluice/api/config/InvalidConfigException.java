package io.sluice.api.config;

/** A configuration a plugin's {@code validate} hook refuses; core reports it with the file and line of the key. */
public class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Property<?> property;

    /** {@code property} is at fault; {@code message} says what is wrong and what is accepted. */
    public InvalidConfigException(Property<?> property, String message) {
        super(message);
        this.property = property;
    }

    /** The property at fault. */
    public Property<?> property() {
        return property;
    }
}
