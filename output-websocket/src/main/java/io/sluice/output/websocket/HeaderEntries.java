package io.sluice.output.websocket;

import io.sluice.api.config.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code Header} entries, {@code Name value…}, as Fluent Bit does (a single word is both name and value).
 * Values are secret, so no message ever quotes one: an entry is named by its header name, or by its position when it
 * has no separate value (its only word is the value too).
 */
final class HeaderEntries {

    private HeaderEntries() {
    }

    /** The headers of {@code entries}, in order; a bad name, a reserved name or a line break is refused. */
    static List<Endpoint.Header> parse(List<String> entries) throws InvalidConfigException {
        List<Endpoint.Header> headers = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String e = entries.get(i).trim();
            int space = indexOfWhitespace(e);
            String name = space < 0 ? e : e.substring(0, space);
            String value = space < 0 ? e : e.substring(space).trim();
            if (name.isEmpty() || !name.chars().allMatch(HeaderEntries::isTokenChar)) {
                throw new InvalidConfigException(WebSocketProperties.HEADER, (space < 0
                        ? "Header #" + (i + 1) + " (a single word, so also the value: not shown)"
                        : "Header name '" + name + "'")
                        + " is not a valid HTTP header name; write 'Name value', the name made of letters, digits "
                        + "and !#$%&'*+-.^_`|~");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new InvalidConfigException(WebSocketProperties.HEADER,
                        "Header " + name + " has a value with a line break or NUL character");
            }
            if (isReserved(name)) {
                throw new InvalidConfigException(WebSocketProperties.HEADER,
                        "Header " + name + " is set by the WebSocket handshake itself and cannot be configured");
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

    /** An RFC 9110 token character. */
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
