package io.sluice.output.websocket;

import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.PropertySpec;
import io.sluice.api.config.PropertyType;
import io.sluice.api.format.FormatOptions;
import io.sluice.api.net.NetSettings;
import io.sluice.api.net.TlsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The validated settings of one websocket output.
 *
 * @param endpoint        the URL ({@code ws://} or {@code wss://}) and the extra handshake headers
 * @param format          how chunks are formatted
 * @param perRecord       {@code message_mode record}: one message per record instead of one per chunk
 * @param confirmDelivery whether a chunk counts as delivered only when the Pong of a Ping sent after it arrives
 * @param confirmTimeout  how long to wait for that Pong (or, without confirmation, for the send buffer to drain)
 * @param compress        whether permessage-deflate is offered
 * @param net             the {@code net.*} settings
 * @param tls             the {@code tls*} settings
 */
record WebSocketSettings(Endpoint endpoint, FormatOptions format, boolean perRecord, boolean confirmDelivery,
                         Duration confirmTimeout, boolean compress, NetSettings net, TlsSettings tls) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String URI_KEY = "uri";
    static final String HEADER = "header";
    static final String MESSAGE_MODE = "message_mode";
    static final String CONFIRM_DELIVERY = "confirm_delivery";
    static final String CONFIRM_TIMEOUT = "confirm_timeout";
    static final String COMPRESS = "compress";

    /** Every property the plugin declares. */
    static List<PropertySpec> properties() {
        List<PropertySpec> specs = new ArrayList<>();
        specs.add(PropertySpec.of(HOST, PropertyType.STRING, "127.0.0.1", "Host of the WebSocket server"));
        specs.add(PropertySpec.of(PORT, PropertyType.INTEGER, "80",
                "TCP port of the WebSocket server (443 when tls is on and Port is not set)"));
        specs.add(PropertySpec.of(URI_KEY, PropertyType.STRING, "/",
                "Path (and query) of the WebSocket endpoint; a missing leading / is added"));
        specs.add(PropertySpec.multi(HEADER,
                "Extra handshake header 'Name value'; repeatable; values are never logged"));
        specs.addAll(FormatOptions.properties("msgpack"));
        specs.add(PropertySpec.choice(MESSAGE_MODE, "chunk",
                "chunk: one message per flushed chunk; record: one message per record", "chunk", "record"));
        specs.add(PropertySpec.of(CONFIRM_DELIVERY, PropertyType.BOOLEAN, "on",
                "Count a chunk delivered only when the server answers a Ping sent after it"));
        specs.add(PropertySpec.of(CONFIRM_TIMEOUT, PropertyType.TIME, "10s",
                "How long sending a chunk and receiving that Pong may take before the connection is considered "
                        + "dead and the chunk retried; raise it for slow links"));
        specs.add(PropertySpec.of(COMPRESS, PropertyType.BOOLEAN, "off",
                "Offer permessage-deflate compression (used only if the server accepts it)"));
        specs.addAll(NetSettings.properties());
        specs.addAll(TlsSettings.properties());
        return specs;
    }

    /** Reads and checks a configuration; problems are {@link IllegalArgumentException}s that say what to fix. */
    static WebSocketSettings from(PluginConfig config) {
        TlsSettings tls = TlsSettings.from(config);
        String host = config.getString(HOST).trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Host must not be empty");
        }
        int port = config.isSet(PORT) ? config.getInt(PORT, 80) : tls.enabled() ? 443 : 80;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port " + port + " is not between 1 and 65535");
        }
        Duration confirmTimeout = config.getTime(CONFIRM_TIMEOUT, Duration.ofSeconds(10));
        if (confirmTimeout.isZero()) {
            throw new IllegalArgumentException(CONFIRM_TIMEOUT + " must be at least 1s");
        }
        Endpoint endpoint = new Endpoint(uri(tls.enabled(), host, port, config.getString(URI_KEY)),
                headers(config.getAll(HEADER)));
        return new WebSocketSettings(endpoint, FormatOptions.from(config),
                config.getString(MESSAGE_MODE).equalsIgnoreCase("record"), config.getBoolean(CONFIRM_DELIVERY, true),
                confirmTimeout, config.getBoolean(COMPRESS, false), NetSettings.from(config), tls);
    }

    static URI uri(boolean tls, String host, int port, String path) {
        String p = path == null || path.isBlank() ? "/" : path.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            URI uri = new URI((tls ? "wss" : "ws") + "://" + h + ":" + port + p);
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(uri.toString(), "not a plain host, port and path");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Host/URI do not form a valid WebSocket URL: " + e.getMessage());
        }
    }

    /** {@code Name value…}; a single token is both name and value (as Fluent Bit does). */
    static List<Endpoint.Header> headers(List<String> entries) {
        List<Endpoint.Header> headers = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.trim();
            int space = indexOfWhitespace(e);
            String name = space < 0 ? e : e.substring(0, space);
            String value = space < 0 ? e : e.substring(space).trim();
            if (name.isEmpty() || !name.chars().allMatch(WebSocketSettings::isTokenChar)) {
                throw new IllegalArgumentException("Header name '" + name + "' is not a valid HTTP header name");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("Header " + name + " has a value with a line break");
            }
            if (isReserved(name)) {
                throw new IllegalArgumentException("Header " + name + " is set by the WebSocket handshake itself");
            }
            headers.add(new Endpoint.Header(name, value));
        }
        return headers;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static boolean isReserved(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "host", "upgrade", "connection", "sec-websocket-key", "sec-websocket-version",
                    "sec-websocket-extensions" -> true;
            default -> false;
        };
    }
}
