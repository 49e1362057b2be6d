package io.sluice.core.http;

import java.time.Duration;

/**
 * What the monitoring server allows one client, and how much it holds at most.
 *
 * @param maxConnections  open connections kept at once; a new one beyond that closes the one that has waited longest
 * @param maxHeadBytes    request line plus headers; a longer head is answered 431 and the connection closed
 * @param maxHeaders      header lines in one request; more is answered 431
 * @param maxBodyBytes    request body (Content-Length); larger is answered 413 without reading it
 * @param idleTimeout     how long a connection may wait, after connecting or after a response, before the first
 *                        byte of its next request
 * @param requestTimeout  how long a request may take from its first byte to its last (head and body), however
 *                        the bytes trickle in: answered 408 and closed
 * @param writeTimeout    how long a response may take to be taken by the client: closed after that
 * @param workers         threads that run the handlers (the socket work is all on one selector thread)
 * @param queuedRequests  requests waiting for a worker; more are answered 503 at once
 * @param logWindowMillis a refused or timed-out client is logged once per kind per window, then summarised
 */
record ServerLimits(int maxConnections, int maxHeadBytes, int maxHeaders, int maxBodyBytes, Duration idleTimeout,
                    Duration requestTimeout, Duration writeTimeout, int workers, int queuedRequests,
                    long logWindowMillis) {

    /** The production values. */
    static final ServerLimits DEFAULTS = new ServerLimits(256, 8192, 64, 65_536, Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(10), 2, 32, 10_000);

    ServerLimits {
        if (maxConnections < 1 || maxHeadBytes < 64 || maxHeaders < 1 || maxBodyBytes < 0 || workers < 1
                || queuedRequests < 1 || logWindowMillis < 1) {
            throw new IllegalArgumentException("invalid limits " + maxConnections + "/" + maxHeadBytes + "/"
                    + maxHeaders + "/" + maxBodyBytes + "/" + workers + "/" + queuedRequests);
        }
        for (Duration d : new Duration[] {idleTimeout, requestTimeout, writeTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    ServerLimits withTimeouts(Duration idle, Duration request, Duration write) {
        return new ServerLimits(maxConnections, maxHeadBytes, maxHeaders, maxBodyBytes, idle, request, write,
                workers, queuedRequests, logWindowMillis);
    }

    ServerLimits withMaxConnections(int max) {
        return new ServerLimits(max, maxHeadBytes, maxHeaders, maxBodyBytes, idleTimeout, requestTimeout,
                writeTimeout, workers, queuedRequests, logWindowMillis);
    }
}
