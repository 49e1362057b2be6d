package io.sluice.core.storage;

import java.util.Locale;

/** How far a chunk write goes before the caller may count the batch ({@code storage.sync}). */
public enum SyncMode {

    /**
     * Each frame is handed to the kernel with one {@code write()} before the caller counts it: the page cache holds
     * it, so it survives the process being killed (even {@code kill -9}), not a power loss or kernel crash.
     */
    NORMAL,

    /**
     * As {@link #NORMAL}, then each frame is forced to the device ({@code fdatasync}) before the caller counts it, and
     * the directory is synced after a file is created, renamed or deleted: survives a power loss.
     */
    FULL;

    /** {@code normal} or {@code full}, any case; anything else is an {@link IllegalArgumentException}. */
    public static SyncMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "normal" -> NORMAL;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("invalid synchronization mode '" + text + "'");
        };
    }
}
