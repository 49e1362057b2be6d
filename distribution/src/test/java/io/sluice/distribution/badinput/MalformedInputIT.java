package io.sluice.distribution.badinput;

import static io.sluice.distribution.badinput.Delivery.assertAllArrivedExactlyOnce;
import static io.sluice.distribution.badinput.Delivery.assertArrivedExactlyOnce;
import static io.sluice.distribution.badinput.Delivery.assertStillRunningWithoutErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.distribution.support.NumberedSender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed bytes into the tcp input of the real launcher ({@code Buffer_Size 4}, i.e. records up to 4 KB), while a
 * well-behaved client sends numbered records on another connection: every good record arrives exactly once, the
 * monitoring API's counters account for every bad line, a flood logs only a line or two, and sluice runs on.
 */
class MalformedInputIT {

    private static final Duration COUNTED = Duration.ofSeconds(60);
    private static final String INVALID_LOG = "invalid JSON message";

    @TempDir
    Path tmp;

    private TcpToStdout sluice;

    @BeforeEach
    void startSluice() throws IOException, InterruptedException {
        sluice = TcpToStdout.start(tmp, tcp -> tcp.set("Buffer_Size", 4));
    }

    @AfterEach
    void stopSluice() throws InterruptedException {
        sluice.close();
    }

    @Test
    void aFloodOfInvalidJsonLinesIsCountedOncePerLineAndLoggedOnlyOnceOrTwice() throws Exception {
        List<String> kinds = List.of("this is not json", "{\"a\": tru}", "{\"a\" 1}", "{'single': 1}",
                "{\"a\": 1,}", "{\"a\": 01}", "{\"a\": nul}", "{\"a\": [1, 2}", ",", "{\"a\": -}");
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            flood.append(kinds.get(i % kinds.size())).append('\n');
        }
        NumberedSender good = sluice.wellBehaved("good", 2_000);

        sendAndClose(flood.toString().getBytes(StandardCharsets.UTF_8));

        await().atMost(COUNTED).until(() -> sluice.tcpCounter("invalid_json") >= 10_000);
        assertAllArrivedExactlyOnce(sluice, good);
        assertThat(sluice.tcpCounter("invalid_json")).isEqualTo(10_000);
        assertThat(sluice.logLinesContaining(INVALID_LOG)).isBetween(1L, 2L);
        assertStillRunningWithoutErrors(sluice);
    }

    @Test
    void badInputFromOtherConnectionsAfterTheFirstWarningIsSummedUpWhenTheWindowEndsNamingThePeers()
            throws Exception {
        sendAndClose("not json at all\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(COUNTED).until(() -> sluice.logLinesContaining(INVALID_LOG) >= 1);
        // more of the same kind from two other connections, inside the first line's window, then nothing
        sendAndClose("{'single': 1}\n".getBytes(StandardCharsets.UTF_8));
        sendAndClose("{\"a\": tru}\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(COUNTED).until(() -> sluice.tcpCounter("invalid_json") == 3);

        // no further bad input comes, yet the window's end says what it held back, and from where
        await("the summary line at the end of the window").atMost(COUNTED)
                .until(() -> sluice.logLinesContaining("2 more like this in the last") == 1);
        String summary = sluice.logLines("2 more like this in the last").get(0);
        assertThat(summary).contains("from tcp://127.0.0.1:");
        assertThat(sluice.logLinesContaining(INVALID_LOG)).as("lines naming invalid JSON: the first and the summary")
                .isEqualTo(2);
        assertStillRunningWithoutErrors(sluice);
    }

    @Test
    void everyLineWithInvalidUtf8InAStringIsDeliveredOnceWithTheBadBytesReplacedAndCounted() throws Exception {
        byte[][] broken = {{(byte) 0xff}, {(byte) 0x80}, {(byte) 0xc3, 'x'}, {(byte) 0xe2, (byte) 0x82},
            {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xfe}};
        int lines = 10_000;
        ByteArrayOutputStream flood = new ByteArrayOutputStream();
        for (int i = 0; i < lines; i++) {
            flood.writeBytes(("{\"src\": \"utf8\", \"seq\": " + i + ", \"msg\": \"caf").getBytes(StandardCharsets.UTF_8));
            flood.writeBytes(broken[i % broken.length]);
            flood.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        NumberedSender good = sluice.wellBehaved("good", 2_000);

        sendAndClose(flood.toByteArray());

        await().atMost(COUNTED).until(() -> sluice.received.distinct("utf8") >= lines);
        assertAllArrivedExactlyOnce(sluice, good);
        System.out.printf("invalid UTF-8: %d of %d lines delivered, %d sequences replaced, %d invalid_json%n",
                sluice.received.distinct("utf8"), lines, sluice.tcpCounter("invalid_utf8"),
                sluice.tcpCounter("invalid_json"));
        assertThat(sluice.received.distinct("utf8")).isEqualTo(lines);
        assertThat(sluice.received.duplicates("utf8")).isEmpty();
        assertThat(sluice.tcpCounter("invalid_json")).isZero();
        assertThat(sluice.tcpCounter("invalid_utf8")).as("every line held at least one bad sequence")
                .isGreaterThanOrEqualTo(lines);
        assertThat(sluice.logLinesContaining("invalid UTF-8 in a JSON string")).isBetween(1L, 2L);
        assertStillRunningWithoutErrors(sluice);
    }

    @Test
    void recordsAfterAMegabyteOfBinaryNoiseOnTheSameConnectionArriveOnceTheNoiseEndsInALine() throws Exception {
        byte[] noise = new byte[1 << 20];
        new Random(20261128L).nextBytes(noise);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(noise);
        stream.writeBytes(new byte[] {0x01, '\n'});
        for (int i = 0; i < 100; i++) {
            stream.writeBytes(("{\"src\": \"after-noise\", \"seq\": " + i + "}\n").getBytes(StandardCharsets.UTF_8));
        }
        NumberedSender good = sluice.wellBehaved("good", 2_000);

        sendAndClose(stream.toByteArray());

        assertArrivedExactlyOnce(sluice, "after-noise", 100);
        assertAllArrivedExactlyOnce(sluice, good);
        assertThat(sluice.tcpCounter("invalid_json")).isPositive();
        for (String kind : List.of(INVALID_LOG, "exceeds 'Buffer_Size'", "is not a record")) {
            assertThat(sluice.logLinesContaining(kind)).as(kind).isLessThanOrEqualTo(2);
        }
        assertStillRunningWithoutErrors(sluice);
    }

    @Test
    void recordsOfManyFieldsOverBufferSizeAreEachCountedOnceAndTheRecordAfterEachArrivesOnce() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int oversize = 1_000;
        for (int i = 0; i < oversize; i++) {
            StringBuilder big = new StringBuilder("{\"src\": \"big\", \"seq\": ").append(i);
            for (int k = 0; k < 600; k++) {
                big.append(", \"k").append(k).append("\": ").append(k);
            }
            stream.writeBytes(big.append("}\n").toString().getBytes(StandardCharsets.UTF_8));
            stream.writeBytes(("{\"src\": \"between\", \"seq\": " + i + "}\n").getBytes(StandardCharsets.UTF_8));
        }
        NumberedSender good = sluice.wellBehaved("good", 2_000);

        sendAndClose(stream.toByteArray());

        assertArrivedExactlyOnce(sluice, "between", oversize);
        assertAllArrivedExactlyOnce(sluice, good);
        await().atMost(COUNTED).until(() -> sluice.tcpCounter("oversize_records") >= oversize);
        assertThat(sluice.tcpCounter("oversize_records")).isEqualTo(oversize);
        assertThat(sluice.received.distinct("big")).isZero();
        assertThat(sluice.logLinesContaining("exceeds 'Buffer_Size' (4 KB), dropped")).isBetween(1L, 2L);
        assertStillRunningWithoutErrors(sluice);
    }

    private void sendAndClose(byte[] bytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", sluice.tcpPort); OutputStream out = s.getOutputStream()) {
            out.write(bytes);
        }
    }
}
