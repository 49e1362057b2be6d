package io.sluice.core.storage;

/**
 * What reading a chunk file's header found.
 *
 * @param status  {@link ChunkStatus#OK}, {@link ChunkStatus#EMPTY}, {@link ChunkStatus#UNREADABLE} or
 *                {@link ChunkStatus#NEWER_VERSION}
 * @param header  the header when the status is OK, else {@code null}
 * @param problem what is wrong, one line, or {@code null} when OK
 */
public record HeaderRead(ChunkStatus status, ChunkHeader header, String problem) {

    /** Whether the header is valid. */
    public boolean ok() {
        return status == ChunkStatus.OK;
    }

    static HeaderRead ok(ChunkHeader header) {
        return new HeaderRead(ChunkStatus.OK, header, null);
    }

    static HeaderRead failed(ChunkStatus status, String problem) {
        return new HeaderRead(status, null, problem);
    }
}
