package io.sluice.output.websocket;

/** Turns the library's handshake failure texts into messages that say what the server did. */
final class HandshakeFailure {

    private static final String STATUS_MARK = "Invalid status code received: ";
    private static final String STATUS_LINE_MARK = "Status line: ";

    private HandshakeFailure() {
    }

    /**
     * A readable cause for a failed connection attempt, from the session's end reason and, when known, the first
     * line of the response body (empty when unknown).
     */
    static String describe(String reason, String bodyLine) {
        int status = reason.indexOf(STATUS_MARK);
        if (status >= 0) {
            int line = reason.indexOf(STATUS_LINE_MARK, status);
            String statusLine = line >= 0 ? reason.substring(line + STATUS_LINE_MARK.length()).trim()
                    : reason.substring(status + STATUS_MARK.length()).trim();
            if (statusLine.endsWith(")")) {
                statusLine = statusLine.substring(0, statusLine.length() - 1);
            }
            String body = bodyLine.isEmpty() ? "" : ", body: " + bodyLine;
            return "the server refused the WebSocket upgrade with '" + statusLine + "' (expected 101" + body + ")";
        }
        if (reason.contains("the handshake did finally not match") || reason.contains("refuses handshake")) {
            return "invalid upgrade response: Sec-WebSocket-Accept does not match the key sent, or the Upgrade, "
                    + "Connection or Sec-WebSocket-Extensions header is wrong";
        }
        return reason;
    }
}
