package io.sluice.support.event;

import java.time.Instant;

/**
 * An event's timestamp: seconds since the epoch (UTC) and nanoseconds, as Fluent Bit's EventTime.
 *
 * @param seconds whole seconds since 1970-01-01T00:00:00Z
 * @param nanos   nanoseconds within the second, 0 to 999,999,999
 */
public record EventTime(long seconds, int nanos) {

    /** Checks the range. */
    public EventTime {
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanos out of range: " + nanos);
        }
    }

    /** The current wall-clock time with the clock's full precision. */
    public static EventTime now() {
        Instant now = Instant.now();
        return new EventTime(now.getEpochSecond(), now.getNano());
    }

    /** The same instant as an {@link Instant}. */
    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
