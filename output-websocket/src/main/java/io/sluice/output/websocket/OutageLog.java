package io.sluice.output.websocket;

import org.slf4j.Logger;

/**
 * Logs a worker's connection state changes, not its attempts: one line when an outage starts (and when its cause
 * changes), one when the server confirms data again, so a server that is down for an hour costs a few lines, not
 * thousands. A connection that opens and is closed again before it carried anything does not end an outage: a server
 * that accepts and closes every connection costs one line too.
 */
final class OutageLog {

    private final Logger log;
    private final String url;
    private final int worker;
    private boolean everConnected;
    private boolean down;
    private long downSinceNanos;
    private int failures;
    private String lastReason;
    private String extension = "";

    OutageLog(Logger log, String url, int worker) {
        this.log = log;
        this.url = url;
        this.worker = worker;
    }

    /** A connection was opened (the upgrade succeeded). */
    void connected(String negotiatedExtension) {
        extension = negotiatedExtension.isEmpty() ? "" : " (" + negotiatedExtension + ")";
        if (!everConnected && !down) {
            log.info("worker #{} connected to {}{}", worker, url, extension);
        } else {
            log.debug("worker #{} opened a connection to {}{}", worker, url, extension);
        }
        everConnected = true;
    }

    /** The server confirmed data (or, without confirmation, took it): an outage is over. */
    void delivered() {
        if (!down) {
            return;
        }
        long seconds = (System.nanoTime() - downSinceNanos) / 1_000_000_000L;
        log.info("worker #{} reconnected to {}{} after {}s and {} failed attempts", worker, url, extension, seconds,
                failures);
        down = false;
        failures = 0;
        lastReason = null;
    }

    void lost(String reason) {
        if (enterOrRepeat(reason)) {
            log.warn("worker #{} connection to {} lost: {}; the chunk will be retried", worker, url, reason);
        }
    }

    void connectFailed(String reason, boolean quiet) {
        if (enterOrRepeat(reason) && !quiet) {
            log.error("worker #{} cannot connect to {}: {}; retrying", worker, url, reason);
        } else {
            log.debug("worker #{} cannot connect to {}: {}", worker, url, reason);
        }
    }

    /** Records a failure; true when it starts an outage or its cause differs from the last one logged. */
    private boolean enterOrRepeat(String reason) {
        failures++;
        if (!down) {
            down = true;
            downSinceNanos = System.nanoTime();
            lastReason = reason;
            return true;
        }
        if (!reason.equals(lastReason)) {
            lastReason = reason;
            return true;
        }
        log.debug("worker #{} still failing: {}", worker, reason);
        return false;
    }
}
