package io.sluice.output.websocket;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where and how to connect: the URL and the extra handshake headers, whose values are secret (only names are
 * ever logged).
 */
record Endpoint(URI uri, List<Header> headers) {

    /** One configured {@code Header}; {@link #toString()} leaves the value out. */
    record Header(String name, String value) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The URL for log lines (no credentials can be in it: user info is rejected). */
    String url() {
        return uri.toString();
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
