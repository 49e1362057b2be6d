package io.sluice.api;

/**
 * Takes encoded events from an input into the engine; call it from the input's own threads. The bytes are copied
 * (and, with filesystem storage, written to disk) before it returns, and only then counted as the input's. It never
 * drops them: when buffers are over their limit core calls {@link Input#pause()} instead.
 */
public interface Emitter {

    /** Appends {@code records} events from {@code data[offset, offset+length)} under the input's own tag. */
    void emit(byte[] data, int offset, int length, int records);

    /** Appends {@code records} events from {@code data[offset, offset+length)} under {@code tag}. */
    void emit(String tag, byte[] data, int offset, int length, int records);
}
