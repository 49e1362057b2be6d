package io.sluice.input.cpu;

import io.sluice.support.event.EventBuffer;
import java.io.Closeable;
import java.io.IOException;

/** Reads CPU counters and writes one record from the change since the previous reading. Used by one thread. */
interface CpuSampler extends Closeable {

    /**
     * Takes a reading. The first good reading, and the first after a failed one, is only a baseline. Otherwise
     * writes one event at {@code epochSecond.nanos} covering {@code seconds} (the nominal interval) and returns true.
     *
     * @throws IOException when the counters could not be read; the next good reading is a new baseline
     */
    boolean sample(EventBuffer out, long epochSecond, int nanos, double seconds) throws IOException;

    @Override
    void close();
}
