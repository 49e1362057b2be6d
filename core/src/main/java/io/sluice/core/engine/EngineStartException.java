package io.sluice.core.engine;

/** An input or output could not be created or started; the message names the instance and the reason. */
public class EngineStartException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause}. */
    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
