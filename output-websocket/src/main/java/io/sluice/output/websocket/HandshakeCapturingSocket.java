package io.sluice.output.websocket;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A plain TCP socket that keeps the first bytes it reads, so that a refused upgrade can be reported with the first
 * line of the server's response body (the library keeps only the status line). After those bytes it costs one
 * comparison per read.
 *
 * <p>It also keeps a failed write from hiding what the server said last. A server that closes (with 1009, say) and
 * drops the connection at once while sluice is still writing resets it; the library's writer then fails and ends the
 * connection as lost, after which its reader ignores the Close frame and Pongs that arrived before the reset. So a
 * failed write waits a moment (at most {@link #DRAIN_WAIT_MILLIS}) for the reader to reach the end of what was
 * received, or a Close frame, before it reports the failure.
 */
final class HandshakeCapturingSocket extends java.net.Socket {

    private static final int CAPTURE = 2048;
    private static final int MAX_LINE = 200;

    private final byte[] head = new byte[CAPTURE];
    private static final int BODY_WAIT_MILLIS = 500;
    static final long DRAIN_WAIT_MILLIS = 250;

    private volatile int headLength;
    private boolean bodyAwaited;
    private InputStream in;
    private OutputStream out;
    /** Counted down when the reader met the end of the stream or an error, or the session read a Close frame. */
    private final CountDownLatch inputDone = new CountDownLatch(1);

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = ended(super::read);
                    if (b >= 0 && headLength < CAPTURE) {
                        head[headLength] = (byte) b;
                        headLength++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = ended(() -> super.read(b, off, len));
                    if (n > 0 && headLength < CAPTURE) {
                        capture(b, off, n);
                        if (n < len && refusedBeforeBody()) {
                            n += readBody(this.in, b, off + n, len - n);
                        }
                    }
                    return n;
                }
            };
        }
        return in;
    }

    private interface Read {
        int read() throws IOException;
    }

    /** Runs a read, noting the end of the stream or an error. */
    private int ended(Read read) throws IOException {
        try {
            int n = read.read();
            if (n < 0) {
                inputDone.countDown();
            }
            return n;
        } catch (IOException e) {
            inputDone.countDown();
            throw e;
        }
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            OutputStream raw = super.getOutputStream();
            out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    try {
                        raw.write(b);
                    } catch (IOException e) {
                        throw drained(e);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    try {
                        raw.write(b, off, len);
                    } catch (IOException e) {
                        throw drained(e);
                    }
                }

                @Override
                public void flush() throws IOException {
                    try {
                        raw.flush();
                    } catch (IOException e) {
                        throw drained(e);
                    }
                }

                @Override
                public void close() throws IOException {
                    raw.close();
                }
            };
        }
        return out;
    }

    /** A Close frame from the server has been read: a failed write need not wait for more. */
    void closeFrameRead() {
        inputDone.countDown();
    }

    /** {@code failure}, once the reader has read what arrived before it (or a moment has passed). */
    private IOException drained(IOException failure) {
        try {
            inputDone.await(DRAIN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    private void capture(byte[] b, int off, int n) {
        int take = Math.min(n, CAPTURE - headLength);
        System.arraycopy(b, off, head, headLength, take);
        headLength += take;
    }

    /** A refusal whose headers arrived without any of the body yet (servers often write them separately). */
    private boolean refusedBeforeBody() {
        if (bodyAwaited || headLength < 13) {
            return false;
        }
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return text.startsWith("HTTP/") && !text.startsWith(" 101", 8) && end >= 0 && end + 4 == headLength;
    }

    /** Waits briefly for the first bytes of a refusal's body, so that the log can quote it; the library then closes. */
    private int readBody(InputStream raw, byte[] b, int off, int len) throws IOException {
        bodyAwaited = true;
        int timeout = getSoTimeout();
        setSoTimeout(BODY_WAIT_MILLIS);
        try {
            int m = raw.read(b, off, len);
            if (m > 0) {
                capture(b, off, m);
                return m;
            }
            return 0;
        } catch (SocketTimeoutException e) {
            return 0;
        } finally {
            setSoTimeout(timeout);
        }
    }

    /** The first non-empty line of the HTTP response body read so far, printable ASCII only, or empty. */
    String firstBodyLine() {
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        int bodyStart = text.indexOf("\r\n\r\n");
        if (bodyStart < 0) {
            return "";
        }
        for (String line : text.substring(bodyStart + 4).split("\n")) {
            String printable = line.replaceAll("[^\\x20-\\x7e]", "").trim();
            if (!printable.isEmpty()) {
                return printable.length() > MAX_LINE ? printable.substring(0, MAX_LINE) + "..." : printable;
            }
        }
        return "";
    }
}
