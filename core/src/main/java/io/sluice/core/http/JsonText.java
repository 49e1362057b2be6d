package io.sluice.core.http;

/**
 * JSON string escaping for the monitoring API's bodies and the reload controller's answers: {@code "} and
 * {@code \} escaped with a backslash, control characters below U+0020 as {@code \}{@code u00XX}; everything else,
 * non-ASCII included, as it is.
 */
public final class JsonText {

    private JsonText() {
    }

    /** {@code s} escaped for use between a JSON string's quotes (the quotes not added). */
    public static String escape(String s) {
        return appendEscaped(new StringBuilder(s.length() + 8), s).toString();
    }

    /** Appends {@code s} as a quoted JSON string to {@code sb}; returns {@code sb}. */
    static StringBuilder quote(StringBuilder sb, String s) {
        return appendEscaped(sb.append('"'), s).append('"');
    }

    private static StringBuilder appendEscaped(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb;
    }
}
