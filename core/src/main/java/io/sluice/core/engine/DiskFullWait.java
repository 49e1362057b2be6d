package io.sluice.core.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an input waits while its chunk files cannot be written (a full disk, a quota): one line when the episode
 * starts and one when it ends, a retry every second meanwhile, and no retry once the input is stopping.
 */
final class DiskFullWait {

    private static final Logger LOG = LoggerFactory.getLogger("storage");
    private static final long RETRY_MILLIS = 1_000;

    private final InputLane lane;
    private boolean waiting;
    private long since;

    DiskFullWait(InputLane lane) {
        this.lane = lane;
    }

    /** Waits a second before the next try; false when the input is stopping and should give up. */
    boolean await(IOException failure, Path where) {
        if (!waiting) {
            waiting = true;
            since = System.nanoTime();
            LOG.error("input={} cannot write its chunks under {}: {}; it takes in nothing until the disk has room "
                    + "again (retrying every second; nothing it counted is lost)", lane.name(), where,
                    failure.toString());
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
        while (System.nanoTime() - until < 0) {
            if (lane.isStopped()) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !lane.isStopped();
    }

    /** The write went through again. */
    void recovered() {
        if (waiting) {
            waiting = false;
            LOG.info("input={} writes its chunks again after {} s", lane.name(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since));
        }
    }
}
