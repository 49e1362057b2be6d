package io.sluice.input.tcp;

/** What a {@link RecordDecoder} reports about input it could not turn into records. */
interface DecodeProblems {

    /** Input that is not valid JSON; {@code data[off, off+len)} starts where the parser stopped. */
    void invalidJson(String reason, byte[] data, int off, int len);

    /** A record of at least {@code bytes} bytes, over the limit of {@code limit}, was dropped. */
    void oversize(long bytes, int limit);

    /** A top-level value that is not an object (e.g. {@code 42}, {@code "text"}) was skipped. */
    void skippedValue(String kind);

    /** The stream ended inside a record of {@code bytes} bytes so far, which is dropped. */
    void incomplete(long bytes);
}
