package io.sluice.distribution.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.distribution.support.NumberedSender;
import java.time.Duration;

/** What every bad-input test checks last: the good records all arrived once, and sluice is still healthy. */
final class Delivery {

    private Delivery() {
    }

    /** Records {@code 0 .. count-1} of {@code sender} were printed, each exactly once. */
    static void assertArrivedExactlyOnce(TcpToStdout sluice, String sender, long count) {
        await(sender + "'s " + count + " records").atMost(Duration.ofSeconds(60))
                .until(() -> sluice.received.distinct(sender) >= count);
        assertThat(sluice.received.hasAllUpTo(sender, count)).as("%s: records 0..%d, nothing else", sender, count - 1)
                .isTrue();
        assertThat(sluice.received.duplicates(sender)).as("%s: duplicates", sender).isEmpty();
    }

    /** The sending of {@code sender} ends without a failure, and all it sent arrived exactly once. */
    static void assertAllArrivedExactlyOnce(TcpToStdout sluice, NumberedSender sender) throws InterruptedException {
        long sent = sender.stop();
        assertThat(sender.failure()).as("%s's sending, after %d records", sender.source(), sent).isNull();
        assertArrivedExactlyOnce(sluice, sender.source(), sent);
    }

    /** The process runs on and has logged no error or exception. */
    static void assertStillRunningWithoutErrors(TcpToStdout sluice) {
        assertThat(sluice.isAlive()).as("sluice is running").isTrue();
        assertThat(sluice.errorLines()).as("error lines in sluice's log").isEmpty();
    }
}
