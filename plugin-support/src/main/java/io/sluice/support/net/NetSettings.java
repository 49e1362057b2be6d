package io.sluice.support.net;

import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import io.sluice.api.config.PropertyGroup;
import java.time.Duration;
import java.util.List;

/**
 * The {@code net.*} settings a network output understands. Only the keys declared here are accepted, so a
 * {@code net.*} key that no plugin implements is rejected at start instead of being silently ignored.
 *
 * @param connectTimeout         how long opening a connection (TCP, TLS and any protocol upgrade) may take
 * @param connectTimeoutLogError whether a connect timeout is logged as an error (else at debug)
 * @param keepalive              whether a connection is kept open between flushes
 * @param keepaliveIdleTimeout   how long a kept-alive connection may sit idle before it is closed
 * @param tcpKeepalive           whether TCP keepalive probes (SO_KEEPALIVE) are enabled on the socket
 */
public record NetSettings(Duration connectTimeout, boolean connectTimeoutLogError, boolean keepalive,
                          Duration keepaliveIdleTimeout, boolean tcpKeepalive) {

    /** {@code net.connect_timeout}. */
    public static final Property<Duration> CONNECT_TIMEOUT = Property.time("net.connect_timeout",
            "Maximum time to open a connection, including TLS and the protocol handshake")
            .withDefault("10s").range(1, 86_400).inGroup(PropertyGroup.NETWORKING);
    /** {@code net.connect_timeout_log_error}. */
    public static final Property<Boolean> CONNECT_TIMEOUT_LOG_ERROR = Property.bool("net.connect_timeout_log_error",
            "Log a connection timeout as an error (on) or at debug level (off)")
            .withDefault("true").inGroup(PropertyGroup.NETWORKING);
    /** {@code net.keepalive}. */
    public static final Property<Boolean> KEEPALIVE = Property.bool("net.keepalive",
            "Keep the connection open between flushes").withDefault("true").inGroup(PropertyGroup.NETWORKING);
    /** {@code net.keepalive_idle_timeout}. */
    public static final Property<Duration> KEEPALIVE_IDLE_TIMEOUT = Property.time("net.keepalive_idle_timeout",
            "Close a kept-alive connection idle for longer than this; it is reopened on demand")
            .withDefault("30s").inGroup(PropertyGroup.NETWORKING);
    /** {@code net.tcp_keepalive}. */
    public static final Property<Boolean> TCP_KEEPALIVE = Property.bool("net.tcp_keepalive",
            "Enable TCP keepalive probes on the socket").withDefault("off").inGroup(PropertyGroup.NETWORKING);

    /** Checks the values. */
    public NetSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException(CONNECT_TIMEOUT + " must be at least 1s");
        }
        if (keepaliveIdleTimeout.isNegative()) {
            throw new IllegalArgumentException(KEEPALIVE_IDLE_TIMEOUT + " must not be negative");
        }
    }

    /** The declarations of these keys, in the NETWORKING group, for a plugin's {@code properties()}. */
    public static List<Property<?>> properties() {
        return List.of(CONNECT_TIMEOUT, CONNECT_TIMEOUT_LOG_ERROR, KEEPALIVE, KEEPALIVE_IDLE_TIMEOUT, TCP_KEEPALIVE);
    }

    /** Reads the settings from a configuration whose plugin declared {@link #properties()}. */
    public static NetSettings from(PluginConfig config) {
        return new NetSettings(config.get(CONNECT_TIMEOUT), config.get(CONNECT_TIMEOUT_LOG_ERROR),
                config.get(KEEPALIVE), config.get(KEEPALIVE_IDLE_TIMEOUT), config.get(TCP_KEEPALIVE));
    }
}
