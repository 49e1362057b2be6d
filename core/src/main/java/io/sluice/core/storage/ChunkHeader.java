package io.sluice.core.storage;

/**
 * The header of a chunk file.
 *
 * @param version the format version it was written with
 * @param flags   the flag bits (none defined in version 1)
 * @param tag     the tag of every event in the chunk
 * @param length  the header's size in bytes: the first frame starts here
 */
public record ChunkHeader(int version, int flags, String tag, int length) {
}
