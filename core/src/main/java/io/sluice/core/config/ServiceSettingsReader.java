package io.sluice.core.config;

import io.sluice.api.config.ConfigValues;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** Applies {@code [SERVICE]} entries, in order (the later value wins), onto Fluent Bit's defaults. */
final class ServiceSettingsReader {

    /** Keys upstream knows that sluice accepts, checks where typed, and does not act on. */
    private static final Set<String> IGNORED = Set.of("daemon", "health_check", "hc_errors_count",
            "hc_retry_failure_count", "hc_period", "storage.sync", "storage.checksum", "storage.max_chunks_up",
            "storage.backlog.mem_limit", "storage.metrics", "storage.delete_irrecoverable_chunks", "parsers_file",
            "plugins_file", "streams_file", "coro_stack_size", "hot_reload", "hot_reload.ensure_thread_safety",
            "http_server.http2", "http2", "enable_chunk_trace", "log_format", "sp.convert_from_str_to_num",
            "scheduler.interval", "dns.mode", "dns.resolver", "dns.prefer_ipv4", "dns.prefer_ipv6",
            "storage.inherit", "storage.trim_files", "windows.maxstdio", "multiline_buffer_limit");
    private static final Set<String> IGNORED_BOOLEANS = Set.of("daemon", "health_check", "storage.checksum",
            "storage.metrics", "storage.delete_irrecoverable_chunks", "hot_reload", "dns.prefer_ipv4",
            "dns.prefer_ipv6", "storage.inherit", "storage.trim_files");
    private static final Set<String> IGNORED_INTEGERS = Set.of("hc_errors_count", "hc_retry_failure_count",
            "hc_period", "storage.max_chunks_up", "coro_stack_size");

    private final Consumer<String> warnings;
    private double flush;
    private int grace;
    private String logLevel;
    private Path logFile;
    private int schedulerBase;
    private int schedulerCap;
    private boolean httpServer;
    private String httpListen;
    private int httpPort;
    private Path storagePath;
    private boolean keepRejected;
    private String rejectedPath;
    private boolean escapeUnicode;
    private boolean nanToNull;
    private long memBufLimit;

    ServiceSettingsReader(Consumer<String> warnings) {
        this.warnings = warnings;
        ServiceSettings d = ServiceSettings.defaults();
        flush = d.flushSeconds();
        grace = d.graceSeconds();
        logLevel = d.logLevel();
        logFile = d.logFile();
        schedulerBase = d.schedulerBase();
        schedulerCap = d.schedulerCap();
        httpServer = d.httpServer();
        httpListen = d.httpListen();
        httpPort = d.httpPort();
        storagePath = d.storagePath();
        keepRejected = d.storageKeepRejected();
        rejectedPath = d.storageRejectedPath();
        escapeUnicode = d.jsonEscapeUnicode();
        nanToNull = d.jsonConvertNanToNull();
        memBufLimit = d.memBufLimit();
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
        try {
            applyValue(entry.key(), v, entry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(entry.origin(), entry.key(), e.getMessage());
        }
    }

    private void applyValue(String key, String v, ConfigEntry entry) throws ConfigException {
        switch (key) {
            case "flush" -> {
                flush = ConfigValues.parseDouble(v);
                if (flush <= 0) {
                    throw new ConfigException(entry.origin(), key, "invalid flush value '" + v + "'");
                }
            }
            case "grace" -> grace = intOf(v);
            case "log_level" -> logLevel = LogLevels.parse(v, entry.origin(), key);
            case "log_file" -> logFile = Path.of(v);
            case "http_server" -> httpServer = ConfigValues.parseBoolean(v);
            case "http_listen" -> httpListen = v;
            case "http_port" -> httpPort = portOf(v);
            case "storage.path" -> storagePath = Path.of(v);
            case "storage.keep.rejected" -> keepRejected = ConfigValues.parseBoolean(v);
            case "storage.rejected.path" -> rejectedPath = v;
            case "scheduler.base" -> schedulerBase = positive(v);
            case "scheduler.cap" -> schedulerCap = positive(v);
            case "json.escape_unicode" -> escapeUnicode = ConfigValues.parseBoolean(v);
            case "json.convert_nan_to_null" -> nanToNull = ConfigValues.parseBoolean(v);
            case "mem_buf_limit" -> memBufLimit = ConfigValues.parseSize(v);
            default -> checkIgnored(key, v, entry);
        }
    }

    private void checkIgnored(String key, String v, ConfigEntry entry) {
        if (IGNORED_BOOLEANS.contains(key)) {
            ConfigValues.parseBoolean(v);
        } else if (IGNORED_INTEGERS.contains(key)) {
            ConfigValues.parseInteger(v);
        } else if (key.equals("storage.sync")) {
            String sync = v.toLowerCase(Locale.ROOT);
            if (!sync.equals("normal") && !sync.equals("full")) {
                throw new IllegalArgumentException("invalid storage.sync '" + v + "', expected normal or full");
            }
        } else if (key.equals("storage.backlog.mem_limit")) {
            ConfigValues.parseSize(v);
        }
        if (!IGNORED.contains(key)) {
            warnings.accept("[config] " + entry.origin() + ": unknown [SERVICE] key '" + key + "' ignored");
        }
    }

    private static int intOf(String v) {
        long n = ConfigValues.parseInteger(v);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("number out of range: '" + v + "'");
        }
        return (int) n;
    }

    private static int positive(String v) {
        int n = intOf(v);
        if (n <= 0) {
            throw new IllegalArgumentException("must be greater than 0: '" + v + "'");
        }
        return n;
    }

    private static int portOf(String v) {
        int n = intOf(v);
        if (n < 0 || n > 65535) {
            throw new IllegalArgumentException("invalid port '" + v + "'");
        }
        return n;
    }

    ServiceSettings build() {
        return new ServiceSettings(flush, grace, logLevel, logFile, schedulerBase, schedulerCap, httpServer,
                httpListen, httpPort, storagePath, keepRejected, rejectedPath, escapeUnicode, nanToNull, memBufLimit);
    }
}
