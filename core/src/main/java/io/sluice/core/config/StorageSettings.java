package io.sluice.core.config;

import io.sluice.core.storage.SyncMode;
import java.nio.file.Path;

/**
 * The {@code storage.*} keys of {@code [SERVICE]}, with Fluent Bit's source defaults.
 *
 * @param path                   {@code storage.path}: root of the chunk files, or {@code null} for none
 * @param sync                   {@code storage.sync}: normal (survives kill -9) or full (also power loss)
 * @param checksum               {@code storage.checksum}; sluice checksums every batch whatever its value
 * @param maxChunksUp            {@code storage.max_chunks_up}: filesystem chunks kept in memory at once
 * @param backlogMemLimit        {@code storage.backlog.mem_limit}: backlog bytes in memory or in flight at once
 * @param metrics                {@code storage.metrics}: the storage gauges and {@code /api/v1/storage}
 * @param deleteIrrecoverable    {@code storage.delete_irrecoverable_chunks}: delete unreadable files instead of
 *                               moving them to the quarantine folder
 * @param flushBacklogOnShutdown {@code storage.backlog.flush_on_shutdown}: try the unread backlog within Grace
 * @param defaultType            {@code storage.type}: inputs' type under {@code storage.inherit}, or {@code null}
 * @param inherit                {@code storage.inherit}
 * @param keepRejected           {@code storage.keep.rejected}: write chunks outputs rejected to the dead-letter folder
 * @param rejectedPath           {@code storage.rejected.path}, relative to {@code path}
 * @param rejectedLimit          {@code storage.rejected.limit}: bytes the dead-letter folder may hold, 0 for no limit
 */
public record StorageSettings(Path path, SyncMode sync, boolean checksum, int maxChunksUp, long backlogMemLimit,
                              boolean metrics, boolean deleteIrrecoverable, boolean flushBacklogOnShutdown,
                              StorageType defaultType, boolean inherit, boolean keepRejected,
                              String rejectedPath, long rejectedLimit) {

    /** Fluent Bit's defaults (from its source, where its documentation differs). */
    public static StorageSettings defaults() {
        return new StorageSettings(null, SyncMode.NORMAL, false, 128, 100_000_000L, true, false, false, null, false,
                false, "rejected", 0);
    }

    /** These settings with {@code root} as {@code storage.path}. */
    public StorageSettings withPath(Path root) {
        return new StorageSettings(root, sync, checksum, maxChunksUp, backlogMemLimit, metrics, deleteIrrecoverable,
                flushBacklogOnShutdown, defaultType, inherit, keepRejected, rejectedPath, rejectedLimit);
    }

    /** These settings with dead letters on or off. */
    public StorageSettings withKeepRejected(boolean keep) {
        return new StorageSettings(path, sync, checksum, maxChunksUp, backlogMemLimit, metrics, deleteIrrecoverable,
                flushBacklogOnShutdown, defaultType, inherit, keep, rejectedPath, rejectedLimit);
    }

    /** The dead-letter folder, or {@code null} when dead letters are off. */
    public Path deadLetterFolder() {
        return path == null || !keepRejected ? null : path.resolve(rejectedPath == null ? "rejected" : rejectedPath);
    }
}
