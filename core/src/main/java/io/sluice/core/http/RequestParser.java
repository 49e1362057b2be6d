package io.sluice.core.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses an HTTP/1.x request head (RFC 9112 §2–§6) from the bytes received so far, strictly enough that nothing
 * ambiguous reaches a handler: one request line {@code METHOD SP target SP HTTP/1.x}, header lines
 * {@code name: value}, an empty line. Lines may end in CRLF or a bare LF; empty lines before the request line are
 * skipped. Refused: obsolete line folding, control characters, white space before a colon, a head longer than the
 * limit or with too many headers (431), other HTTP versions (505), {@code Transfer-Encoding} (501; with a
 * Content-Length too: 400), conflicting or malformed Content-Length (400).
 */
final class RequestParser {

    private RequestParser() {
    }

    /** A head the server answers with {@code status} and then closes the connection. */
    static final class BadRequest extends Exception {
        private final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * A complete request head.
     *
     * @param method        as sent (methods are case-sensitive)
     * @param path          the path of the target, without query; for an absolute-form target the path part
     * @param query         what followed {@code ?}, or null
     * @param http10        an HTTP/1.0 request
     * @param keepAlive     whether the connection stays open after the response (HTTP/1.1 unless
     *                      {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
     * @param contentLength the body's length, 0 without Content-Length
     * @param headLength    bytes the head took, the empty line included
     * @param headers       lower-case names, values of repeated fields joined with {@code ", "}
     */
    record Head(String method, String path, String query, boolean http10, boolean keepAlive, long contentLength,
                int headLength, Map<String, String> headers) {
    }

    /**
     * Parses the head at the start of {@code buf[0, limit)}.
     *
     * @return the head, or null when the bytes so far do not complete one (read more)
     * @throws BadRequest when the bytes can never become an acceptable head
     */
    static Head parse(byte[] buf, int limit, int maxHeadBytes, int maxHeaders) throws BadRequest {
        int scanLimit = Math.min(limit, maxHeadBytes);
        int pos = 0;
        while (true) {
            if (pos < scanLimit && buf[pos] == '\n') {
                pos++;
            } else if (pos + 1 < scanLimit && buf[pos] == '\r' && buf[pos + 1] == '\n') {
                pos += 2;
            } else {
                break;
            }
        }
        String requestLine = null;
        Map<String, String> headers = new LinkedHashMap<>();
        int count = 0;
        while (true) {
            int eol = indexOf(buf, (byte) '\n', pos, scanLimit);
            if (eol < 0) {
                if (limit >= maxHeadBytes) {
                    throw new BadRequest(431, "request head longer than " + maxHeadBytes + " bytes");
                }
                return null;
            }
            int end = eol > pos && buf[eol - 1] == '\r' ? eol - 1 : eol;
            if (end == pos) {
                if (requestLine == null) {
                    throw new BadRequest(400, "empty request line");
                }
                return head(requestLine, headers, eol + 1, maxHeadBytes);
            }
            if (requestLine == null) {
                requestLine = line(buf, pos, end);
            } else {
                if (++count > maxHeaders) {
                    throw new BadRequest(431, "more than " + maxHeaders + " header fields");
                }
                header(buf, pos, end, headers);
            }
            pos = eol + 1;
        }
    }

    private static Head head(String requestLine, Map<String, String> headers, int headLength, int maxHeadBytes)
            throws BadRequest {
        int sp1 = requestLine.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
            throw new BadRequest(400, "malformed request line");
        }
        String method = requestLine.substring(0, sp1);
        String target = requestLine.substring(sp1 + 1, sp2);
        String version = requestLine.substring(sp2 + 1);
        for (int i = 0; i < method.length(); i++) {
            if (!isTokenChar(method.charAt(i))) {
                throw new BadRequest(400, "malformed method");
            }
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new BadRequest(400, "malformed request target");
            }
        }
        boolean http10;
        if (version.equals("HTTP/1.1")) {
            http10 = false;
        } else if (version.equals("HTTP/1.0")) {
            http10 = true;
        } else if (version.matches("HTTP/[0-9]\\.[0-9]")) {
            throw new BadRequest(505, "HTTP version " + version.substring(5) + " not supported");
        } else {
            throw new BadRequest(400, "malformed HTTP version");
        }
        String pathAndQuery = target;
        if (!target.startsWith("/")) {
            String lower = target.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                int slash = target.indexOf('/', target.indexOf("//") + 2);
                int question = target.indexOf('?', target.indexOf("//") + 2);
                pathAndQuery = slash >= 0 && (question < 0 || slash < question) ? target.substring(slash)
                        : "/" + (question >= 0 ? target.substring(question) : "");
            }
        }
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);

        String transferEncoding = headers.get("transfer-encoding");
        String lengthValue = headers.get("content-length");
        if (transferEncoding != null && lengthValue != null) {
            throw new BadRequest(400, "both Transfer-Encoding and Content-Length");
        }
        if (transferEncoding != null) {
            throw new BadRequest(501, "Transfer-Encoding not supported; send a Content-Length");
        }
        long contentLength = 0;
        if (lengthValue != null) {
            if (lengthValue.isEmpty() || lengthValue.length() > 18) {
                throw new BadRequest(400, "malformed Content-Length");
            }
            for (int i = 0; i < lengthValue.length(); i++) {
                if (lengthValue.charAt(i) < '0' || lengthValue.charAt(i) > '9') {
                    throw new BadRequest(400, "malformed Content-Length");
                }
            }
            contentLength = Long.parseLong(lengthValue);
        }
        boolean close = false;
        boolean keepAlive = false;
        String connection = headers.get("connection");
        if (connection != null) {
            for (String token : connection.split(",")) {
                String t = token.trim();
                close |= t.equalsIgnoreCase("close");
                keepAlive |= t.equalsIgnoreCase("keep-alive");
            }
        }
        return new Head(method, path, query, http10, http10 ? keepAlive && !close : !close, contentLength,
                headLength, headers);
    }

    private static void header(byte[] buf, int from, int to, Map<String, String> headers) throws BadRequest {
        if (buf[from] == ' ' || buf[from] == '\t') {
            throw new BadRequest(400, "obsolete line folding");
        }
        int colon = indexOf(buf, (byte) ':', from, to);
        if (colon <= from) {
            throw new BadRequest(400, "malformed header field");
        }
        for (int i = from; i < colon; i++) {
            if (!isTokenChar((char) (buf[i] & 0xff))) {
                throw new BadRequest(400, "malformed header field name");
            }
        }
        int start = colon + 1;
        int end = to;
        while (start < end && (buf[start] == ' ' || buf[start] == '\t')) {
            start++;
        }
        while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
            end--;
        }
        for (int i = start; i < end; i++) {
            int b = buf[i] & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw new BadRequest(400, "control character in a header field value");
            }
        }
        String name = line(buf, from, colon).toLowerCase(Locale.ROOT);
        String value = line(buf, start, end);
        String previous = headers.get(name);
        if (previous == null) {
            headers.put(name, value);
        } else if (name.equals("content-length")) {
            if (!previous.equals(value)) {
                throw new BadRequest(400, "conflicting Content-Length");
            }
        } else {
            headers.put(name, previous + ", " + value);
        }
    }

    private static String line(byte[] buf, int from, int to) throws BadRequest {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\r' || buf[i] == 0) {
                throw new BadRequest(400, "stray CR or NUL in the request head");
            }
        }
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether {@code buf[from, to)} holds a line end followed by an empty line ({@code LF LF} or {@code LF CR LF}),
     * the only way a head can end: lets a caller that receives a head in pieces parse once, not after every piece.
     * Pass a {@code from} two bytes before the previous {@code to} to catch an end split across pieces.
     */
    static boolean mayEndHead(byte[] buf, int from, int to) {
        for (int i = Math.max(0, from); i + 1 < to; i++) {
            if (buf[i] == '\n' && (buf[i + 1] == '\n' || (buf[i + 1] == '\r' && i + 2 < to && buf[i + 2] == '\n'))) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] buf, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(char c) {
        return c < 0x7f && c > 0x20 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
