package io.sluice.api;

/** A plugin could not be created or started; the message is shown to the user as is, so it says what to fix. */
public class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public PluginException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
