package io.sluice.api.config;

/** The group a property is listed under in {@code sluice -o NAME -h}. */
public enum PropertyGroup {
    /** The plugin's own options. */
    OPTIONS,
    /** {@code net.*} settings of network plugins. */
    NETWORKING,
    /** {@code tls*} settings of TLS-capable plugins. */
    NETWORK_TLS
}
