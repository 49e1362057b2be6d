package io.sluice.api;

/** Where a filter writes the events it keeps and the copies it re-tags; valid only during one {@code filter} call. */
public interface FilterSink {

    /** Appends {@code records} events from {@code data[offset, offset+length)} to the replacement batch. */
    void write(byte[] data, int offset, int length, int records);

    /**
     * Emits {@code records} events under {@code tag}: they enter the filter chain from its start and are then routed
     * by that tag. Returns false when core refuses them (a filter re-tagging what it emitted itself, a cycle; or
     * buffers over their limit): the filter then keeps them under the batch's own tag.
     */
    boolean emit(String tag, byte[] data, int offset, int length, int records);
}
