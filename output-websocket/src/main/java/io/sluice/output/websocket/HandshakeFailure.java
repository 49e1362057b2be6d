package io.sluice.output.websocket;

/** Turns the library's handshake failure texts into messages that say what the server did. */
final class HandshakeFailure {

    private static final String STATUS_MARK = "Invalid status code received: ";
    private static final String STATUS_LINE_MARK = "Status line: ";

    private HandshakeFailure() {
    }

    /** A readable cause for a failed connection attempt, from the session's end reason. */
    static String describe(String reason) {
        int status = reason.indexOf(STATUS_MARK);
        if (status >= 0) {
            int line = reason.indexOf(STATUS_LINE_MARK, status);
            String statusLine = line >= 0 ? reason.substring(line + STATUS_LINE_MARK.length()).trim()
                    : reason.substring(status + STATUS_MARK.length()).trim();
            if (statusLine.endsWith(")")) {
                statusLine = statusLine.substring(0, statusLine.length() - 1);
            }
            return "the server refused the WebSocket upgrade with '" + statusLine + "' (expected 101)";
        }
        if (reason.contains("the handshake did finally not match")) {
            return "invalid upgrade response: wrong Sec-WebSocket-Accept, Upgrade or Connection header";
        }
        return reason;
    }
}
