package io.sluice.core.storage;

/** What reading a chunk file found. */
public enum ChunkStatus {

    /** The header and every frame are valid. */
    OK,

    /**
     * The header is valid but bytes after it were lost (a torn tail, corrupt frames); every valid frame was
     * recovered. See {@link ChunkDamage}.
     */
    DAMAGED,

    /** The file has no bytes: created and never written, so nothing was ever counted from it. */
    EMPTY,

    /** The header is missing, truncated or corrupt: nothing can be recovered. */
    UNREADABLE,

    /**
     * Written by a newer format version than this build reads (after a downgrade), or a header damaged in its
     * version field: keep the file, do not read it.
     */
    NEWER_VERSION,

    /** Larger than the caller's limit: not read. */
    TOO_LARGE;

    /** Whether the file's valid frames were read ({@link #OK} or {@link #DAMAGED}). */
    public boolean readable() {
        return this == OK || this == DAMAGED;
    }
}
