package io.sluice.core.storage;

/**
 * What was lost after a valid header.
 *
 * @param tornTailBytes  bytes of an incomplete last frame: the process died while writing it, so it was never
 *                       counted; nothing counted is lost
 * @param corruptFrames  stretches of frames skipped because their checksum failed, each at least one frame; these
 *                       held data that may have been counted
 * @param corruptBytes   bytes in those stretches
 */
public record ChunkDamage(long tornTailBytes, int corruptFrames, long corruptBytes) {

    /** Nothing lost. */
    public static final ChunkDamage NONE = new ChunkDamage(0, 0, 0);

    /** Whether nothing was lost. */
    public boolean none() {
        return tornTailBytes == 0 && corruptFrames == 0;
    }

    /** Whether frames that may have been counted were lost (a torn tail alone loses nothing counted). */
    public boolean lostData() {
        return corruptFrames > 0;
    }

    /** One line for a log or the printer, e.g. {@code 1 corrupt frame (812 bytes) skipped; torn tail of 37 bytes}. */
    public String describe() {
        if (none()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        if (corruptFrames > 0) {
            sb.append(corruptFrames).append(corruptFrames == 1 ? " corrupt frame (" : " corrupt stretches of frames (")
                    .append(corruptBytes).append(" bytes) skipped");
        }
        if (tornTailBytes > 0) {
            sb.append(sb.length() > 0 ? "; " : "").append("torn tail of ").append(tornTailBytes)
                    .append(" bytes after the last complete frame");
        }
        return sb.toString();
    }
}
