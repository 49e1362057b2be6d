package io.sluice.output.websocket;

import io.sluice.api.config.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;

/** Builds the {@code ws://} or {@code wss://} URL from Host, port and URI, blaming the key at fault. */
final class WebSocketUrl {

    private WebSocketUrl() {
    }

    /** The URL; {@code path} gets a leading / when it lacks one, and an IPv6 host its brackets. */
    static URI of(boolean tls, String host, int port, String path) throws InvalidConfigException {
        String scheme = tls ? "wss" : "ws";
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        // the host alone first: text such as 'a/b' or 'user@a' would otherwise be read as part of a valid URL
        URI base = parse(scheme + "://" + h + ":" + port + "/");
        if (base == null || base.getHost() == null || base.getPort() != port || base.getRawUserInfo() != null
                || !"/".equals(base.getRawPath()) || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new InvalidConfigException(WebSocketProperties.HOST,
                    "Host '" + host + "' is not a valid host name or address");
        }
        String p = path.isBlank() ? "/" : path.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        String text = scheme + "://" + h + ":" + port + p;
        try {
            URI uri = new URI(text);
            if (uri.getRawFragment() != null) {
                throw new InvalidConfigException(WebSocketProperties.URI,
                        "URI '" + path + "' has a '#' fragment, which a WebSocket request cannot carry");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(WebSocketProperties.URI,
                    "URI '" + path + "' is not a valid path and query: " + e.getReason());
        }
    }

    private static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
