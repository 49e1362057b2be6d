package io.sluice.api;

import io.sluice.api.event.EventBuffer;
import io.sluice.api.event.EventChunk;

/** A running filter: rewrites a batch of encoded events (no filter exists yet; the contract is fixed early). */
public interface Filter {

    /** Writes the events to keep, changed or not, into {@code out}, counting them with {@link EventBuffer#endEvent()}. */
    void filter(EventChunk in, EventBuffer out);

    /** Releases resources; called once. */
    default void stop() {
    }
}
