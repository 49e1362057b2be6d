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
 * @param jsonEscapeUnicode    {@code json.escape_unicode}
 * @param jsonConvertNanToNull {@code json.convert_nan_to_null}
 * @param memBufLimit          sluice's engine-wide cap on buffered chunk bytes over all inputs ({@code Mem_Buf_Limit}
 *                             in {@code [SERVICE]}), which pauses inputs even when they set no limit of their own
 * @param storage              the {@code storage.*} keys
 * @param health               the health check keys
 * @param hotReload            {@code Hot_Reload} (or {@code -Y}): SIGHUP and the reload endpoint reload the config
 */
public record ServiceSettings(double flushSeconds, int graceSeconds, String logLevel, Path logFile,
                              int schedulerBase, int schedulerCap, boolean httpServer, String httpListen,
                              int httpPort, boolean jsonEscapeUnicode, boolean jsonConvertNanToNull, long memBufLimit,
                              StorageSettings storage, HealthSettings health, boolean hotReload) {

    /** The engine-wide buffer cap when {@code [SERVICE]} sets none: 16 MB (with 2 MB chunks, 8 of them in flight). */
    public static final long DEFAULT_MEM_BUF_LIMIT = 16_000_000L;

    /** Fluent Bit's defaults. */
    public static ServiceSettings defaults() {
        return new ServiceSettings(1.0, 5, "info", null, 5, 2000, false, "0.0.0.0", 2020, true, false,
                DEFAULT_MEM_BUF_LIMIT, StorageSettings.defaults(), HealthSettings.defaults(), false);
    }

    /** {@code storage.path}, or {@code null}. */
    public Path storagePath() {
        return storage.path();
    }

    /** These settings with {@code newStorage}. */
    public ServiceSettings withStorage(StorageSettings newStorage) {
        return new ServiceSettings(flushSeconds, graceSeconds, logLevel, logFile, schedulerBase, schedulerCap,
                httpServer, httpListen, httpPort, jsonEscapeUnicode, jsonConvertNanToNull, memBufLimit, newStorage,
                health, hotReload);
    }

    /** These settings with another flush interval, grace, backoff and engine-wide cap: for tests and benchmarks. */
    public ServiceSettings withTiming(double flush, int grace, int base, int cap, long engineCap) {
        return new ServiceSettings(flush, grace, logLevel, logFile, base, cap, httpServer, httpListen, httpPort,
                jsonEscapeUnicode, jsonConvertNanToNull, engineCap, storage, health, hotReload);
    }

    /** These settings with another log level. */
    public ServiceSettings withLogLevel(String level) {
        return new ServiceSettings(flushSeconds, graceSeconds, level, logFile, schedulerBase, schedulerCap,
                httpServer, httpListen, httpPort, jsonEscapeUnicode, jsonConvertNanToNull, memBufLimit, storage,
                health, hotReload);
    }

    /**
     * What {@code --dry-run} prints of these settings: the first line the engine's, then one line each for the log
     * file, the monitoring server and storage, when set. Nothing here is secret.
     */
    public java.util.List<String> describe() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("flush=" + PropertyValues.number(flushSeconds) + " grace=" + graceSeconds + " log_level=" + logLevel
                + " scheduler.base=" + schedulerBase + " scheduler.cap=" + schedulerCap + " mem_buf_limit="
                + memBufLimit + " hot_reload=" + onOff(hotReload) + " json.escape_unicode="
                + onOff(jsonEscapeUnicode) + " json.convert_nan_to_null=" + onOff(jsonConvertNanToNull));
        if (logFile != null) {
            lines.add("log_file " + logFile);
        }
        if (httpServer) {
            lines.add("http_server " + httpListen + ":" + httpPort + " health_check=" + onOff(health.enabled())
                    + " hc_errors_count=" + health.errorsCount() + " hc_retry_failure_count="
                    + health.retryFailureCount() + " hc_period=" + health.periodSeconds());
        }
        if (storage.path() != null) {
            lines.add("storage.path " + storage.path() + " storage.sync=" + storage.sync().name().toLowerCase(
                    java.util.Locale.ROOT) + " storage.max_chunks_up=" + storage.maxChunksUp()
                    + " storage.backlog.mem_limit=" + storage.backlogMemLimit() + " storage.metrics="
                    + onOff(storage.metrics()) + " storage.delete_irrecoverable_chunks="
                    + onOff(storage.deleteIrrecoverable()) + " storage.backlog.flush_on_shutdown="
                    + onOff(storage.flushBacklogOnShutdown()) + " storage.keep.rejected="
                    + onOff(storage.keepRejected()) + " storage.rejected.path=" + storage.rejectedPath()
                    + " storage.rejected.limit=" + storage.rejectedLimit());
        }
        return lines;
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}
