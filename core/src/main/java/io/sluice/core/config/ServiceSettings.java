package io.sluice.core.config;

import java.nio.file.Path;

/**
 * The validated {@code [SERVICE]} section.
 *
 * @param flushSeconds         seal chunks and hand them to outputs every this many seconds (fractions allowed)
 * @param graceSeconds         how long shutdown waits for outputs; −1 waits until everything is flushed
 * @param logLevel             off, error, warn, info, debug or trace
 * @param logFile              where log lines go instead of stderr, or {@code null}
 * @param schedulerBase        retry backoff base, seconds
 * @param schedulerCap         retry backoff cap, seconds
 * @param httpServer           whether the monitoring API runs
 * @param httpListen           its address
 * @param httpPort             its port
 * @param storagePath          {@code storage.path}, or {@code null}
 * @param storageKeepRejected  {@code storage.keep.rejected}: write chunks that could not be delivered to disk
 * @param storageRejectedPath  {@code storage.rejected.path}, relative to {@code storagePath}
 * @param jsonEscapeUnicode    {@code json.escape_unicode}
 * @param jsonConvertNanToNull {@code json.convert_nan_to_null}
 * @param memBufLimit          sluice's engine-wide cap on buffered chunk bytes over all inputs ({@code Mem_Buf_Limit}
 *                             in {@code [SERVICE]}), which pauses inputs even when they set no limit of their own
 */
public record ServiceSettings(double flushSeconds, int graceSeconds, String logLevel, Path logFile,
                              int schedulerBase, int schedulerCap, boolean httpServer, String httpListen,
                              int httpPort, Path storagePath, boolean storageKeepRejected,
                              String storageRejectedPath, boolean jsonEscapeUnicode,
                              boolean jsonConvertNanToNull, long memBufLimit) {

    /** The engine-wide buffer cap when {@code [SERVICE]} sets none: 16 MB (with 2 MB chunks, 8 of them in flight). */
    public static final long DEFAULT_MEM_BUF_LIMIT = 16_000_000L;

    /** Fluent Bit's defaults. */
    public static ServiceSettings defaults() {
        return new ServiceSettings(1.0, 5, "info", null, 5, 2000, false, "0.0.0.0", 2020, null, false, "rejected",
                true, false, DEFAULT_MEM_BUF_LIMIT);
    }
}
