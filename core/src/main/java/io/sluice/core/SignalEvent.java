package io.sluice.core;

/**
 * What the main thread is asked to do next.
 *
 * @param kind    stop or reload
 * @param reason  what asked: a signal's name ({@code SIGTERM}), {@code HTTP}, or a failure's description
 * @param failure whether a stop comes from a failure inside sluice (exit 255) rather than a request (exit 0)
 */
record SignalEvent(Kind kind, String reason, boolean failure) {

    /** Stop gracefully, or reload the configuration. */
    enum Kind { STOP, RELOAD }

    static SignalEvent stop(String reason) {
        return new SignalEvent(Kind.STOP, reason, false);
    }

    static SignalEvent failure(String reason) {
        return new SignalEvent(Kind.STOP, reason, true);
    }

    static SignalEvent reload(String reason) {
        return new SignalEvent(Kind.RELOAD, reason, false);
    }
}
