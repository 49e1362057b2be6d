package io.sluice.core.config;

import java.util.Locale;

/** Where an input's chunks live ({@code storage.type}). */
public enum StorageType {
    /** In the heap; lost on a crash. */
    MEMORY,
    /** In files under {@code storage.path}, written before the input counts a batch. */
    FILESYSTEM,
    /** In the heap as a ring: the oldest chunks are dropped (counted) instead of pausing the input. */
    MEMRB;

    /** The type named {@code text} (any case). */
    public static StorageType parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** The name as written in configurations. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
