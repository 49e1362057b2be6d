package io.sluice.core.config;

import io.sluice.core.storage.SyncMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies {@code [SERVICE]} entries onto Fluent Bit's defaults. Command-line values come first and the file's win
 * over them; within the files a key given twice is an error naming both lines. Every key either works, or is refused
 * with the reason, or (for the few that mean nothing on the JVM) is accepted with a line saying it has no effect; an
 * unknown key is an error.
 */
final class ServiceSettingsReader {

    /**
     * Keys that only tune Fluent Bit's C runtime: accepted, with a line saying so, and their values still checked
     * (a value Fluent Bit would refuse is a mistake worth naming).
     */
    private static final Map<String, NoEffect> NO_EFFECT = Map.of(
            "coro_stack_size", new NoEffect("sluice has no coroutines", PropertyValues::parseSize),
            "windows.maxstdio", new NoEffect("sluice does not run on Windows' C runtime",
                    v -> range(v, 1, Integer.MAX_VALUE)),
            "http_server.http2", new NoEffect("the monitoring API speaks HTTP/1.1", PropertyValues::parseBoolean),
            "http2", new NoEffect("the monitoring API speaks HTTP/1.1", PropertyValues::parseBoolean),
            "hot_reload.ensure_thread_safety", new NoEffect("sluice's reload never drops or waits on buffered "
                    + "chunks", PropertyValues::parseBoolean),
            "hot_reload.timeout", new NoEffect("sluice's reload waits for nothing that could need a timeout",
                    PropertyValues::parseTime),
            "storage.trim_files", new NoEffect("sluice's chunk files never hold slack", PropertyValues::parseBoolean),
            "multiline_buffer_limit", new NoEffect("sluice has no multiline parser", PropertyValues::parseSize),
            "scheduler.interval", new NoEffect("sluice's retry timers need no polling interval",
                    PropertyValues::parseTime));

    /** Why a key has no effect, and how its value is checked (throwing IllegalArgumentException). */
    private record NoEffect(String reason, java.util.function.Consumer<String> check) {
    }

    /** Keys of features sluice does not have: refused, with what to do instead. */
    private static final Map<String, String> REFUSED = Map.of(
            "parsers_file", "sluice has no parsers yet: remove the key (the tcp input reads JSON itself)",
            "plugins_file", "sluice loads plugin jars from its plugins/ folder or -e PATH",
            "streams_file", "sluice has no stream processor",
            "enable_chunk_trace", "sluice has no chunk trace",
            "log_format", "sluice writes Fluent Bit's text log format only",
            "dns.mode", "sluice resolves names with the JVM's resolver",
            "dns.resolver", "sluice resolves names with the JVM's resolver",
            "dns.prefer_ipv4", "sluice resolves names with the JVM's resolver",
            "dns.prefer_ipv6", "sluice resolves names with the JVM's resolver",
            "sp.convert_from_str_to_num", "sluice has no stream processor");

    private final Consumer<String> warnings;
    private final Map<String, Origin> seenInFiles = new HashMap<>();
    private final ServiceSettings defaults = ServiceSettings.defaults();
    private double flush;
    private int grace;
    private String logLevel;
    private Path logFile;
    private int schedulerBase;
    private int schedulerCap;
    private boolean httpServer;
    private String httpListen;
    private int httpPort;
    private boolean escapeUnicode;
    private boolean nanToNull;
    private long memBufLimit;
    private boolean hotReload;
    private boolean healthCheck;
    private int hcErrors;
    private int hcRetryFailures;
    private int hcPeriod;
    private Path storagePath;
    private SyncMode sync;
    private boolean checksum;
    private int maxChunksUp;
    private long backlogMemLimit;
    private boolean storageMetrics;
    private boolean deleteIrrecoverable;
    private boolean flushOnShutdown;
    private StorageType defaultType;
    private boolean inherit;
    private boolean keepRejected;
    private String rejectedPath;
    private long rejectedLimit;

    ServiceSettingsReader(Consumer<String> warnings) {
        this.warnings = warnings;
        ServiceSettings d = defaults;
        flush = d.flushSeconds();
        grace = d.graceSeconds();
        logLevel = d.logLevel();
        logFile = d.logFile();
        schedulerBase = d.schedulerBase();
        schedulerCap = d.schedulerCap();
        httpServer = d.httpServer();
        httpListen = d.httpListen();
        httpPort = d.httpPort();
        escapeUnicode = d.jsonEscapeUnicode();
        nanToNull = d.jsonConvertNanToNull();
        memBufLimit = d.memBufLimit();
        hotReload = d.hotReload();
        HealthSettings h = d.health();
        healthCheck = h.enabled();
        hcErrors = h.errorsCount();
        hcRetryFailures = h.retryFailureCount();
        hcPeriod = h.periodSeconds();
        StorageSettings s = d.storage();
        storagePath = s.path();
        sync = s.sync();
        checksum = s.checksum();
        maxChunksUp = s.maxChunksUp();
        backlogMemLimit = s.backlogMemLimit();
        storageMetrics = s.metrics();
        deleteIrrecoverable = s.deleteIrrecoverable();
        flushOnShutdown = s.flushBacklogOnShutdown();
        defaultType = s.defaultType();
        inherit = s.inherit();
        keepRejected = s.keepRejected();
        rejectedPath = s.rejectedPath();
        rejectedLimit = s.rejectedLimit();
    }

    /** Sets the log level chosen by {@code -v}/{@code -q} or the environment. */
    void logLevel(String level) {
        logLevel = level;
    }

    /** Applies one entry whose value is already expanded; an empty value leaves the setting as it was. */
    void apply(ConfigEntry entry) throws ConfigException {
        String v = entry.value().trim();
        if (v.isEmpty()) {
            return;
        }
        if (entry.origin().line() > 0) {
            Origin first = seenInFiles.putIfAbsent(entry.key(), entry.origin());
            if (first != null) {
                throw new ConfigException(entry.origin(), entry.key(), "'" + entry.key()
                        + "' is set more than once (first at " + first + "); it takes one value");
            }
        }
        try {
            applyValue(entry.key(), v, entry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(entry.origin(), entry.key(), e.getMessage());
        }
    }

    private void applyValue(String key, String v, ConfigEntry entry) throws ConfigException {
        switch (key) {
            case "flush" -> {
                flush = PropertyValues.parseDouble(v);
                if (flush <= 0) {
                    throw new IllegalArgumentException("invalid flush value '" + v + "': expected a number of "
                            + "seconds greater than 0, such as 1 or 0.2");
                }
            }
            case "grace" -> grace = range(v, -1, 86_400);
            case "daemon" -> {
                if (PropertyValues.parseBoolean(v)) {
                    throw new IllegalArgumentException("sluice does not daemonize: run it under a service manager "
                            + "(conf/sluice.service) or with nohup, and set Daemon off");
                }
            }
            case "log_level" -> logLevel = LogLevels.parse(v, entry.origin(), key);
            case "log_file" -> logFile = writableFile(v);
            case "http_server" -> httpServer = PropertyValues.parseBoolean(v);
            case "http_listen" -> httpListen = v;
            case "http_port" -> httpPort = range(v, 0, 65535);
            case "health_check" -> healthCheck = PropertyValues.parseBoolean(v);
            case "hc_errors_count" -> hcErrors = range(v, 0, Integer.MAX_VALUE);
            case "hc_retry_failure_count" -> hcRetryFailures = range(v, 0, Integer.MAX_VALUE);
            case "hc_period" -> hcPeriod = range(v, 1, 86_400);
            case "hot_reload" -> hotReload = PropertyValues.parseBoolean(v);
            case "scheduler.base" -> schedulerBase = range(v, 1, 86_400);
            case "scheduler.cap" -> schedulerCap = range(v, 1, 86_400 * 7);
            case "json.escape_unicode" -> escapeUnicode = PropertyValues.parseBoolean(v);
            case "json.convert_nan_to_null" -> nanToNull = PropertyValues.parseBoolean(v);
            case "mem_buf_limit" -> memBufLimit = PropertyValues.parseSize(v);
            case "storage.path" -> storagePath = usableDirectory(v);
            case "storage.sync" -> sync = syncMode(v);
            case "storage.checksum" -> checksum = PropertyValues.parseBoolean(v);
            case "storage.max_chunks_up" -> maxChunksUp = range(v, 1, 1_000_000);
            case "storage.backlog.mem_limit" -> backlogMemLimit = PropertyValues.parseSize(v);
            case "storage.metrics" -> storageMetrics = PropertyValues.parseBoolean(v);
            case "storage.delete_irrecoverable_chunks" -> deleteIrrecoverable = PropertyValues.parseBoolean(v);
            case "storage.backlog.flush_on_shutdown" -> flushOnShutdown = PropertyValues.parseBoolean(v);
            case "storage.type" -> defaultType = storageType(v);
            case "storage.inherit" -> inherit = PropertyValues.parseBoolean(v);
            case "storage.keep.rejected" -> keepRejected = PropertyValues.parseBoolean(v);
            case "storage.rejected.path" -> rejectedPath = v;
            case "storage.rejected.limit" -> rejectedLimit = PropertyValues.parseSize(v);
            default -> other(key, v, entry);
        }
    }

    private void other(String key, String v, ConfigEntry entry) {
        NoEffect noEffect = NO_EFFECT.get(key);
        if (noEffect != null) {
            noEffect.check().accept(v);
            warnings.accept("[config] " + entry.origin() + ": '" + key + "' has no effect: " + noEffect.reason());
            return;
        }
        String refused = REFUSED.get(key);
        if (refused != null) {
            throw new IllegalArgumentException("'" + key + "' is not supported: " + refused);
        }
        throw new IllegalArgumentException("unknown [SERVICE] key '" + key + "'");
    }

    /** A file sluice can append to: its folder exists (nothing is created silently), it is not a folder itself. */
    private static Path writableFile(String v) {
        Path file = Path.of(v);
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException("'" + v + "' is a directory: name a file to write the log to");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the folder of '" + v + "' does not exist (sluice does not create "
                    + "it)");
        }
        if (java.nio.file.Files.exists(file) ? !java.nio.file.Files.isWritable(file)
                : !java.nio.file.Files.isWritable(dir)) {
            throw new IllegalArgumentException("'" + v + "' is not writable");
        }
        return file;
    }

    /** A folder that exists and is writable, or can be created under its nearest existing parent. */
    private static Path usableDirectory(String v) {
        Path dir = Path.of(v);
        Path probe = dir.toAbsolutePath();
        while (probe != null && !java.nio.file.Files.exists(probe)) {
            probe = probe.getParent();
        }
        if (probe == null || !java.nio.file.Files.isDirectory(probe)) {
            throw new IllegalArgumentException("'" + v + "' cannot be a folder: " + probe + " is not a directory");
        }
        if (!java.nio.file.Files.isWritable(probe)) {
            throw new IllegalArgumentException("'" + v + "' is not writable (" + probe + ")");
        }
        return dir;
    }

    private static SyncMode syncMode(String v) {
        try {
            return SyncMode.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid synchronization mode '" + v + "': expected normal or full");
        }
    }

    private static StorageType storageType(String v) {
        try {
            return StorageType.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value '" + v + "': expected one of memory, filesystem, "
                    + "memrb");
        }
    }

    private static int range(String v, long low, long high) {
        long n = PropertyValues.parseLong(v, "a whole number from " + low + " to " + high);
        if (n < low || n > high) {
            throw new IllegalArgumentException("invalid value '" + v + "': expected a whole number from " + low
                    + " to " + high);
        }
        return (int) n;
    }

    ServiceSettings build() throws ConfigException {
        if (inherit && defaultType == null) {
            warnings.accept("[config] storage.inherit is on but [SERVICE] sets no storage.type: inputs stay memory");
        }
        if (keepRejected && storagePath == null) {
            warnings.accept("[config] storage.keep.rejected is on but no storage.path is set: nothing is kept");
        }
        StorageSettings storage = new StorageSettings(storagePath, sync, checksum, maxChunksUp, backlogMemLimit,
                storageMetrics, deleteIrrecoverable, flushOnShutdown, defaultType, inherit, keepRejected,
                rejectedPath, rejectedLimit);
        return new ServiceSettings(flush, grace, logLevel, logFile, schedulerBase, schedulerCap, httpServer,
                httpListen, httpPort, escapeUnicode, nanToNull, memBufLimit, storage,
                new HealthSettings(healthCheck, hcErrors, hcRetryFailures, hcPeriod), hotReload);
    }
}
