package io.sluice.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Raw-socket HTTP for tests: exact bytes out, everything the server sends until it closes back. */
final class RawHttp {

    /** Read timeout of every test socket: a deadline against a hung test, far above any expected wait. */
    static final int SO_TIMEOUT_MILLIS = 30_000;

    private RawHttp() {
    }

    /** A socket connected to 127.0.0.1:{@code port} with the test read timeout. */
    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(SO_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), SO_TIMEOUT_MILLIS);
        return socket;
    }

    /** Sends {@code request} (ISO-8859-1) on a new connection and returns all bytes read until the server closes. */
    static String exchange(int port, String request) {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readToEnd(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything until end of stream; a reset after some bytes ends the stream too. */
    static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) != -1; ) {
                bytes.write(buf, 0, n);
            }
        } catch (java.net.SocketException e) {
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads exactly one response with a Content-Length body from {@code in} (for keep-alive tests) and returns it
     * whole, head and body.
     */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("end of stream inside a response head: " + head);
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (b == '\r' ? 1 : 0);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("end of stream inside a response body");
        }
        return h + new String(body, StandardCharsets.ISO_8859_1);
    }
}
