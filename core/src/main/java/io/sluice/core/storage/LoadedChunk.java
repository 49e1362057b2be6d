package io.sluice.core.storage;

import java.nio.file.Path;
import java.util.Set;

/**
 * A chunk file as read back: the events of its valid BATCH frames and what happened to the rest.
 *
 * @param file         the file
 * @param status       what reading found; only a {@link ChunkStatus#readable()} status has frames
 * @param problem      for an unreadable file, what is wrong with it (one line); else {@code null}
 * @param header       the header, or {@code null} when the status is not readable
 * @param events       the events of every valid BATCH frame, concatenated, in {@code events[0, eventsLength)}; the
 *                     array may be a little longer (it is the file's buffer, compacted in place)
 * @param eventsLength how many bytes of {@code events} are events
 * @param records      the sum of the valid BATCH frames' record counts
 * @param batches      how many valid BATCH frames there were
 * @param frames       how many valid frames of any type there were
 * @param doneOutputs  the output instances that marked the chunk done, in the order of their marks
 * @param validLength  where the last valid frame (or the header) ends: the length to cut the file to before appending
 * @param fileLength   the file's length when read
 * @param damage       what was lost after the header
 */
public record LoadedChunk(Path file, ChunkStatus status, String problem, ChunkHeader header, byte[] events,
                          int eventsLength, long records, int batches, int frames, Set<String> doneOutputs,
                          long validLength, long fileLength, ChunkDamage damage) {

    private static final byte[] NO_BYTES = new byte[0];

    static LoadedChunk notRead(Path file, ChunkStatus status, String problem, long fileLength) {
        return new LoadedChunk(file, status, problem, null, NO_BYTES, 0, 0, 0, 0, Set.of(), 0, fileLength,
                ChunkDamage.NONE);
    }

    /** The tag, or {@code null} when the header could not be read. */
    public String tag() {
        return header == null ? null : header.tag();
    }

    /** One line: {@code ok}, the damage, or the problem. */
    public String describe() {
        return switch (status) {
            case OK -> "ok";
            case DAMAGED -> damage.describe();
            default -> problem;
        };
    }
}
