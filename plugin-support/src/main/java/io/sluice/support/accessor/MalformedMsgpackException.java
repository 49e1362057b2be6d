package io.sluice.support.accessor;

/**
 * Thrown by {@link MsgpackReader} for bytes that are not valid msgpack (truncated, a reserved byte, a value of another
 * type than the one asked for). One shared instance without a stack trace, so a filter that meets bad input pays
 * nothing for it; catch it, pass the record on and count it.
 */
public final class MalformedMsgpackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The shared instance, also for callers that find bytes malformed on their own. */
    public static final MalformedMsgpackException INSTANCE = new MalformedMsgpackException();

    private MalformedMsgpackException() {
        super("malformed msgpack", null, false, false);
    }
}
