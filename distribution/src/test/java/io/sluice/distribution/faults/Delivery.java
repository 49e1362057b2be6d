package io.sluice.distribution.faults;

import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.SluiceProcess;
import java.time.Duration;

/** Waiting for numbered records at the fake server, and reporting loss and duplication in the test output. */
final class Delivery {

    private Delivery() {
    }

    /** Waits until seqs {@code [0, sent)} all arrived; on timeout fails with the summary and sluice's last log. */
    static ReceivedRecords awaitAll(FakeWebSocketServer server, SluiceProcess sluice, long sent, Duration timeout) {
        if (sent == 0) {
            return server.seqs("seq");
        }
        try {
            return server.awaitSeqs("seq", 0, sent - 1, timeout);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + sluice.tail(), e);
        }
    }

    /** One {@code [faults]} line in the test output: what was sent, received, missing and duplicated. */
    static void report(String scenario, ReceivedRecords received, long sent) {
        String summary = sent == 0 ? received.toString() : received.summary(0, sent - 1);
        System.out.printf("[faults] %s: sent %d; %s%n", scenario, sent, summary);
    }
}
