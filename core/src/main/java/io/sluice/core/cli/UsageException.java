package io.sluice.core.cli;

/** A command line that cannot be used; the message is the one-line reason, and sluice exits 1. */
public class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A usage error with its one-line reason. */
    public UsageException(String reason) {
        super(reason);
    }
}
