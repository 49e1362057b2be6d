package io.sluice.distribution.support;

import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import java.time.Duration;

/** Waiting for numbered records ({@code "seq"}) at the fake server; a timeout shows the end of sluice's output. */
public final class Arrivals {

    private Arrivals() {
    }

    /** Waits until seqs {@code [0, sent)} all arrived (nothing to wait for when none was sent). */
    public static ReceivedRecords awaitAll(FakeWebSocketServer server, SluiceProcess sluice, long sent,
            Duration timeout) {
        return sent == 0 ? server.seqs("seq") : awaitRange(server, sluice, 0, sent, timeout);
    }

    /** Waits until seqs {@code [from, to)} all arrived. */
    public static ReceivedRecords awaitRange(FakeWebSocketServer server, SluiceProcess sluice, long from, long to,
            Duration timeout) {
        try {
            return server.awaitSeqs("seq", from, to - 1, timeout);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + sluice.tail(), e);
        }
    }
}
