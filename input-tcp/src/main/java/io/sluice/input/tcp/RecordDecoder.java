package io.sluice.input.tcp;

/**
 * Turns one connection's byte stream into encoded records. Fed in arrival order with any split; it keeps only the
 * state it needs between calls and never holds on to the caller's array, so one read buffer serves every connection
 * of a selector thread.
 */
interface RecordDecoder {

    /** Decodes {@code data[off, off+len)}, appending the records it completes to {@code out}, stamped with the time. */
    void feed(byte[] data, int off, int len, RecordBuffer out, long seconds, int nanos);

    /**
     * The stream ended: appends to {@code out} a last record the end completes (format none's unterminated last
     * line) and reports one left unfinished. Nothing is emitted after this.
     */
    void finish(RecordBuffer out, long seconds, int nanos);
}
