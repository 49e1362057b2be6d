package io.sluice.api;

import io.sluice.api.event.EventBuffer;

/**
 * Takes encoded events from an input into the engine. Calls from the input's own thread only. The engine copies the
 * bytes before returning, so the caller may reuse its buffer; it never drops them: when the input's buffers are over
 * their limit it calls {@link Input#pause()} instead.
 */
public interface Emitter {

    /** Appends {@code records} events, encoded in Fluent Bit's event layout, from {@code data[offset, offset+length)}. */
    void emit(byte[] data, int offset, int length, int records);

    /** Appends every event in {@code events}, then clears it for reuse. */
    default void emit(EventBuffer events) {
        if (events.events() > 0) {
            emit(events.array(), 0, events.size(), events.events());
        }
        events.clear();
    }
}
