package io.sluice.input.tcp;

/**
 * What a {@link RecordDecoder} reports: input it could not turn into records, and every value it had to change to
 * keep a record. Each call is one occurrence, counted once.
 */
interface DecodeProblems {

    /** A stretch of input that is not valid JSON; {@code data[off, off+len)} shows where it starts. */
    void invalidJson(String reason, byte[] data, int off, int len);

    /** A record of at least {@code bytes} bytes, over the limit of {@code limit}, was dropped. */
    void oversize(long bytes, int limit);

    /** A top-level value that is not an object (e.g. {@code 42}, {@code "text"}) was skipped. */
    void skippedValue(String kind);

    /** The stream ended inside a record of {@code bytes} bytes so far, which is dropped. */
    void incomplete(long bytes);

    /**
     * A byte sequence in a JSON string that is not UTF-8, or a {@code \}{@code u} escape of an unpaired surrogate,
     * was replaced with U+FFFD; the record is kept.
     */
    void invalidUtf8();

    /** A backslash escape JSON does not define ({@code \q}, a {@code \}{@code u} without four hex digits) was kept
     * as written; the record is kept. */
    void invalidEscape();

    /** A number msgpack cannot hold, {@code data[off, off+len)}, was kept as a string of its text. */
    void numberAsText(byte[] data, int off, int len);

    /** The stream ended after a last piece of {@code bytes} bytes without a separator, emitted as a record. */
    void unterminated(long bytes);
}
