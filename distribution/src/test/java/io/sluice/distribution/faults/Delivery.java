package io.sluice.distribution.faults;

import io.sluice.distribution.fake.ReceivedRecords;

/** Reporting loss and duplication of numbered records in the test output. */
final class Delivery {

    private Delivery() {
    }

    /** One {@code [faults]} line in the test output: what was sent, received, missing and duplicated. */
    static void report(String scenario, ReceivedRecords received, long sent) {
        String summary = sent == 0 ? received.toString() : received.summary(0, sent - 1);
        System.out.printf("[faults] %s: sent %d; %s%n", scenario, sent, summary);
    }
}
