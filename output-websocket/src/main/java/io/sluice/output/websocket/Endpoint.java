package io.sluice.output.websocket;

import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.support.net.TlsSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where and how to connect: the URL and the extra handshake headers, whose values are secret (only names are
 * ever logged).
 */
record Endpoint(URI uri, List<Header> headers) {

    private static final int WS_PORT = 80;
    private static final int WSS_PORT = 443;

    /** One configured {@code Header}; {@link #toString()} leaves the value out. */
    record Header(String name, String value) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The endpoint {@code config} describes. It checks what the declarations cannot (host, URL, header syntax), so
     * the plugin's {@code validate} calls it too and a bad one is refused before anything starts.
     */
    static Endpoint from(PluginConfig config) throws InvalidConfigException {
        String host = config.get(WebSocketProperties.HOST).trim();
        if (host.isEmpty()) {
            throw new InvalidConfigException(WebSocketProperties.HOST, "Host must not be empty");
        }
        boolean tls = config.get(TlsSettings.TLS);
        Integer port = config.get(WebSocketProperties.PORT);
        // as Fluent Bit: an unset Port is the scheme's own
        int effectivePort = port != null ? port : tls ? WSS_PORT : WS_PORT;
        return new Endpoint(WebSocketUrl.of(tls, host, effectivePort, config.get(WebSocketProperties.URI)),
                HeaderEntries.parse(config.getAll(WebSocketProperties.HEADER)));
    }

    /**
     * The URL for log lines: user info is rejected at configuration time, and query values are shown as {@code ***}
     * since they often carry tokens ({@code /ingest?token=…}); parameter names stay, to tell endpoints apart.
     */
    String url() {
        String query = uri.getRawQuery();
        if (query == null) {
            return uri.toString();
        }
        StringBuilder masked = new StringBuilder();
        for (String parameter : query.split("&", -1)) {
            if (masked.length() > 0) {
                masked.append('&');
            }
            int eq = parameter.indexOf('=');
            masked.append(eq < 0 ? parameter : parameter.substring(0, eq + 1) + "***");
        }
        String full = uri.toString();
        return full.substring(0, full.indexOf('?') + 1) + masked;
    }

    /** The headers for the library, in configuration order; a repeated name keeps its last value. */
    Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header h : headers) {
            map.put(h.name(), h.value());
        }
        return map;
    }
}
