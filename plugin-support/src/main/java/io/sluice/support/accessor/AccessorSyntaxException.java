package io.sluice.support.accessor;

/** A record accessor or tag template that does not follow the grammar; the message says where and why. */
public final class AccessorSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** {@code message} names the text and what is wrong with it. */
    public AccessorSyntaxException(String message) {
        super(message);
    }
}
