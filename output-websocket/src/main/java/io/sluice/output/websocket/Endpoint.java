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
