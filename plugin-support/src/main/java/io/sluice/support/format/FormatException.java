package io.sluice.support.format;

/** A record that cannot be formatted (malformed msgpack, a GELF record without short_message, ...). */
public class FormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int recordIndex;

    /** A failure of the record at {@code recordIndex} (0-based within the chunk), or -1 when not about one record. */
    public FormatException(int recordIndex, String message) {
        super(recordIndex >= 0 ? "record " + recordIndex + ": " + message : message);
        this.recordIndex = recordIndex;
    }

    /** The 0-based index of the failing event within its chunk, or -1. */
    public int recordIndex() {
        return recordIndex;
    }
}
