package io.sluice.core.engine;

/**
 * Tells the errors a JVM cannot go on after (out of memory, an internal error) from the ones plugin code may throw
 * and the engine survives: a {@link LinkageError} from a missing class, an {@link AssertionError}, a
 * {@link StackOverflowError} (its stack is unwound by the time it is caught).
 */
final class FatalErrors {

    private FatalErrors() {
    }

    /** Rethrows {@code thrown} when the JVM is not fit to go on; returns otherwise. */
    static void rethrowFatal(Throwable thrown) {
        if (thrown instanceof VirtualMachineError fatal && !(thrown instanceof StackOverflowError)) {
            throw fatal;
        }
    }
}
