package io.sluice.api.net;

import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.PropertyGroup;
import io.sluice.api.config.PropertySpec;
import io.sluice.api.config.PropertyType;
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
    public static final String CONNECT_TIMEOUT = "net.connect_timeout";
    /** {@code net.connect_timeout_log_error}. */
    public static final String CONNECT_TIMEOUT_LOG_ERROR = "net.connect_timeout_log_error";
    /** {@code net.keepalive}. */
    public static final String KEEPALIVE = "net.keepalive";
    /** {@code net.keepalive_idle_timeout}. */
    public static final String KEEPALIVE_IDLE_TIMEOUT = "net.keepalive_idle_timeout";
    /** {@code net.tcp_keepalive}. */
    public static final String TCP_KEEPALIVE = "net.tcp_keepalive";

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
    public static List<PropertySpec> properties() {
        return List.of(
                spec(CONNECT_TIMEOUT, PropertyType.TIME, "10s",
                        "Maximum time to open a connection, including TLS and the protocol handshake"),
                spec(CONNECT_TIMEOUT_LOG_ERROR, PropertyType.BOOLEAN, "true",
                        "Log a connection timeout as an error (on) or at debug level (off)"),
                spec(KEEPALIVE, PropertyType.BOOLEAN, "true", "Keep the connection open between flushes"),
                spec(KEEPALIVE_IDLE_TIMEOUT, PropertyType.TIME, "30s",
                        "Close a kept-alive connection idle for longer than this; it is reopened on demand"),
                spec(TCP_KEEPALIVE, PropertyType.BOOLEAN, "off", "Enable TCP keepalive probes on the socket"));
    }

    private static PropertySpec spec(String name, PropertyType type, String def, String description) {
        return PropertySpec.of(name, type, def, description).inGroup(PropertyGroup.NETWORKING);
    }

    /** Reads the settings from a configuration whose plugin declared {@link #properties()}. */
    public static NetSettings from(PluginConfig config) {
        return new NetSettings(
                config.getTime(CONNECT_TIMEOUT, Duration.ofSeconds(10)),
                config.getBoolean(CONNECT_TIMEOUT_LOG_ERROR, true),
                config.getBoolean(KEEPALIVE, true),
                config.getTime(KEEPALIVE_IDLE_TIMEOUT, Duration.ofSeconds(30)),
                config.getBoolean(TCP_KEEPALIVE, false));
    }
}
