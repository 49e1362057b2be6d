package io.sluice.distribution.fake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.IntSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads no faster than a rate that may change at any time (0 = unlimited): a token bucket holding at most 50 ms worth
 * of bytes, so the socket's receive buffer fills and the sender is slowed down.
 */
final class ThrottledInputStream extends FilterInputStream {

    private final IntSupplier bytesPerSecond;
    private double tokens;
    private long lastRefill = System.nanoTime();

    ThrottledInputStream(InputStream in, IntSupplier bytesPerSecond) {
        super(in);
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int rate = bytesPerSecond.getAsInt();
        if (rate <= 0 || len == 0) {
            lastRefill = System.nanoTime();
            return in.read(b, off, len);
        }
        double burst = Math.max(1.0, rate / 20.0);
        refill(rate, burst);
        while (tokens < 1.0) {
            LockSupport.parkNanos((long) ((1.0 - tokens) * 1e9 / rate) + 1);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("throttled read interrupted");
            }
            refill(rate, burst);
        }
        int n = in.read(b, off, (int) Math.min(len, tokens));
        if (n > 0) {
            tokens -= n;
        }
        return n;
    }

    private void refill(int rate, double burst) {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) * rate / 1e9);
        lastRefill = now;
    }
}
