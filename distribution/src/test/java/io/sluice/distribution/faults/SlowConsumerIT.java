package io.sluice.distribution.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.fake.FailureMode;
import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.ReceivedRecords;
import io.sluice.distribution.support.Arrivals;
import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that reads slower than records come in: sluice holds at most {@code Mem_Buf_Limit} of them, pauses the
 * tcp input so the sender's writes block in TCP (it is slowed, not disconnected), keeps its memory bounded, and
 * delivers everything once the reader speeds up.
 */
class SlowConsumerIT {

    /**
     * The launcher's defaults cap the heap at 96 MB, metaspace at 64 MB and the code cache at 32 MB; a quiet sluice
     * uses about 60 MB resident. 200 MB leaves room for thread stacks and the JVM's own native memory, and is far
     * below what an unbounded send queue would reach here (the sender offers about 8 MB/s).
     */
    private static final long RSS_BOUND_MB = 200;

    @TempDir
    Path tmp;

    @Test
    void aSlowReaderSlowsTheSenderKeepsMemoryBoundedAndLosesNothing() throws Exception {
        try (FakeWebSocketServer server = FakeWebSocketServer.builder().failureMode(FailureMode.SLOW_READER)
                .slowReadBytesPerSecond(128 * 1024).receiveBufferBytes(16 * 1024).start();
             SluiceProcess sluice = SluiceProcess.startListening(tmp,
                     ClassicConfig.tcpToWebSocket(server.port()).unlimitedRetries()
                             .input("Mem_Buf_Limit", "1M").output("confirm_timeout", "60s"));
             RssSampler rss = new RssSampler(sluice.pid())) {
            long sent;
            NumberedSender sender = NumberedSender.to(sluice.tcpPort()).pace(500, 10).start();
            try {
                sluice.awaitLog(l -> l.contains("tcp.0 paused (mem buf overlimit)"), Duration.ofSeconds(30));
                // one write of 83 KB blocked for a second: sluice stopped reading, TCP pushed back
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sender.longestWriteMillis() >= 1000);
                assertThat(server.seqs("seq").containsAll(0, sender.sent() - 1)).as("reader still behind").isFalse();
                server.setFailureMode(FailureMode.NONE);
                sent = sender.stop();
                assertThat(sender.failure()).as("the sender was never disconnected").isNull();
            } finally {
                sender.close();
            }
            ReceivedRecords received = Arrivals.awaitAll(server, sluice, sent, Duration.ofSeconds(60));
            Delivery.report("slow reader at 128 KB/s, Mem_Buf_Limit 1M (peak RSS " + rss.peakMb() + " MB over "
                    + rss.samples() + " samples, longest blocked write " + sender.longestWriteMillis() + " ms)",
                    received, sent);
            assertThat(received.missing(0, sent - 1)).isEmpty();
            assertThat(rss.peakMb()).as("peak resident memory, MB").isLessThan(RSS_BOUND_MB);
            assertThat(sluice.logLinesWith("tcp.0 resume")).isNotEmpty();
        }
    }
}
