package io.sluice.api;

/**
 * A log for problems that outside input can repeat without end (bad records, refused connections): the first line
 * of each kind is logged at once, later ones within the window are counted, and when the window ends core logs one
 * summary line with their number and the subjects they came from. Safe to use from any thread.
 */
public interface RateLimitedLog {

    /** A warning of kind {@code kind} about {@code subject} (a peer address, a file; may be null). */
    void warn(String kind, String subject, String format, Object... args);

    /** An error of kind {@code kind} about {@code subject} (a peer address, a file; may be null). */
    void error(String kind, String subject, String format, Object... args);
}
