package io.sluice.output.websocket;

import static io.sluice.output.websocket.OutputHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sluice.api.EventChunk;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.testkit.TestOutputContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.java_websocket.drafts.Draft_6455;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers with a message-size limit, here Java-WebSocket's own server, which closes with 1009 (message too big) on a
 * frame over its limit: sluice cuts chunks into messages that pass, learns the limit when it is not configured, and
 * counts a record too large to go at all instead of retrying it forever.
 */
class MessageSizeTest {

    private static final int LIMIT = 16 * 1024;
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final OutputHarness harness = new OutputHarness();
    private RecordingServer server;

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        if (server != null) {
            server.close();
        }
    }

    private TestOutputContext context(Map<String, String> extra) throws Exception {
        server = RecordingServer.start(0, new Draft_6455(List.of(), LIMIT), null);
        return OutputHarness.context(server.boundPort(), extra);
    }

    @ParameterizedTest
    @ValueSource(strings = {"msgpack", "json", "json_lines", "json_stream"})
    void withoutMaxMessageSizeTheServersRefusalsTeachTheLimit(String format) throws Exception {
        TestOutputContext context = context(Map.of("format", format));
        Output out = harness.start(context);
        EventChunk chunk = Chunks.numbered(0, 5000);

        // usually within the first flush; this server drops the connection as soon as it has sent its Close, which
        // now and then resets it before the Close arrives (a lost connection, retried), hence core's retries here
        deliver(out, chunk);

        List<Long> seqs = seqs(format);
        assertThat(new java.util.TreeSet<>(seqs)).containsExactlyElementsOf(LongStream.range(0, 5000).boxed().toList());
        // a reset that swallows the server's last Pong can leave one message it took unconfirmed, sent again
        assertThat(seqs.size() - 5000).as("duplicates").isLessThanOrEqualTo(LIMIT / 30);
        assertThat(server.messages).allSatisfy(m -> assertThat(m.bytes().length).isLessThanOrEqualTo(LIMIT));
        assertThat(server.closeCodes).contains(1009);
        assertThat(context.log().atOrAbove(Level.WARN)).filteredOn(l -> l.contains("1009")).singleElement()
                .asString().contains("set max_message_size to the server's limit");
        assertThat(context.counter("confirmed_records")).isEqualTo(5000);
        assertThat(context.counter("too_big_closes")).isPositive();
        // what was learned holds for the next chunks: no further refusal
        int closes = server.closeCodes.size();
        assertThat(out.flush(Chunks.numbered(5000, 5000), 0)).isEqualTo(FlushResult.OK);
        assertThat(server.closeCodes).hasSize(closes);
    }

    @Test
    void withMaxMessageSizeNoMessageIsRefused() throws Exception {
        TestOutputContext context = context(Map.of("format", "json", "max_message_size", "16k"));
        Output out = harness.start(context);

        assertThat(out.flush(Chunks.numbered(0, 5000), 0)).isEqualTo(FlushResult.OK);

        assertThat(server.closeCodes).isEmpty();
        assertThat(server.messages).hasSizeGreaterThan(10).allSatisfy(m -> {
            assertThat(m.bytes().length).isLessThanOrEqualTo(16_000);
            assertThat(m.utf8()).startsWith("[{").endsWith("}]");
        });
        assertThat(seqs("json")).containsExactlyElementsOf(LongStream.range(0, 5000).boxed().toList());
        assertThat(context.log().atOrAbove(Level.WARN)).isEmpty();
    }

    @Test
    void inRecordModeARecordOverMaxMessageSizeIsCountedAndTheRestDelivered() throws Exception {
        TestOutputContext context = context(Map.of("format", "json_lines", "message_mode", "record",
                "max_message_size", "8k"));
        Output out = harness.start(context);
        EventChunk chunk = PayloadEncoderTest.chunkWithLargeRecords(100, Map.of(10, 10_000, 90, 12_000));

        assertThat(out.flush(chunk, 0)).isEqualTo(FlushResult.OK);

        List<Long> expected = new ArrayList<>(LongStream.range(0, 100).boxed().toList());
        expected.remove(90L);
        expected.remove(10L);
        assertThat(seqs("json_lines")).containsExactlyElementsOf(expected);
        assertThat(context.counter("oversized_records")).isEqualTo(2);
        assertThat(context.counter("confirmed_records")).isEqualTo(98);
        assertThat(context.log().atOrAbove(Level.ERROR)).singleElement().asString()
                .contains("2 record(s) not delivered", "max_message_size", "12", "record #10");
    }

    @Test
    void aChunkOfNothingButOversizedRecordsIsAnErrorForCoreToCount() throws Exception {
        TestOutputContext context = context(Map.of("format", "json_lines", "max_message_size", "8k"));
        Output out = harness.start(context);

        FlushResult result = out.flush(PayloadEncoderTest.chunkWithLargeRecords(1, Map.of(0, 10_000)), 0);

        assertThat(result).isEqualTo(FlushResult.ERROR);
        assertThat(server.messages).isEmpty();
        assertThat(context.counter("oversized_records")).as("core counts the chunk's records").isZero();
        assertThat(context.log().atOrAbove(Level.ERROR)).singleElement().asString()
                .contains("all 1 records are larger than max_message_size");
    }

    @Test
    void withoutMaxMessageSizeARecordRefusedEvenAloneIsCountedNotRetriedForever() throws Exception {
        TestOutputContext context = context(Map.of("format", "json_lines"));
        Output out = harness.start(context);
        EventChunk chunk = PayloadEncoderTest.chunkWithLargeRecords(300, Map.of(50, 20_000, 250, 30_000));

        assertThat(out.flush(chunk, 0)).isEqualTo(FlushResult.OK);

        List<Long> expected = new ArrayList<>(LongStream.range(0, 300).boxed().toList());
        expected.remove(250L);
        expected.remove(50L);
        assertThat(seqs("json_lines")).containsExactlyElementsOf(expected);
        assertThat(context.counter("oversized_records")).isEqualTo(2);
        assertThat(context.log().atOrAbove(Level.ERROR)).anyMatch(l -> l.contains("not delivered")
                && l.contains("the largest message the server takes"));
    }

    @Test
    void aRecordWithinTheFloorIsNeverLeftOutForA1009() throws Exception {
        // the server's limit is below the floor: it refuses even small records alone, which are then retried
        server = RecordingServer.start(0, new Draft_6455(List.of(), 200), null);
        TestOutputContext context = TestOutputContext.of(new WebSocketOutputPlugin(), Map.of("host", "127.0.0.1",
                "port", Integer.toString(server.boundPort()), "format", "json_lines", "message_mode", "record"), 1);
        Output out = harness.start(context);

        FlushResult result = out.flush(PayloadEncoderTest.chunkWithLargeRecords(3, Map.of(1, 400)), 0);

        assertThat(result).isEqualTo(FlushResult.RETRY);
        assertThat(context.counter("oversized_records")).isZero();
    }

    @Test
    void withoutConfirmationRecordsLostToA1009AfterTheyWereCountedDeliveredAreNeverSilent() throws Exception {
        TestOutputContext context = context(Map.of("confirm_delivery", "off"));
        Output out = harness.start(context);

        // a message over the limit is written to the socket at once, so it is usually counted delivered before the
        // server's 1009 comes (if the 1009 comes first, the output cuts the chunk smaller within the flush)
        deliver(out, Chunks.numbered(0, 800));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> server.closeCodes.contains(1009));
        for (int i = 0; i < 3; i++) {
            // later flushes find the connection the server closed
            deliver(out, Chunks.numbered(800 + i, 1));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Chunks.received(server).containsAll(List.of(800L, 801L, 802L)));

        boolean lost = !Chunks.received(server).containsAll(LongStream.range(0, 800).boxed().toList());
        List<String> errors = context.log().atOrAbove(Level.ERROR);
        if (lost) {
            assertThat(errors).as("records were lost").isNotEmpty();
            assertThat(errors.get(0)).contains("1009", "counted delivered (confirm_delivery off)", "are lost",
                    "set max_message_size");
        } else {
            assertThat(errors).as("nothing was lost").isEmpty();
        }
        // each refusal halves the messages (and, counted delivered, loses what was refused): they come to fit
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (long from = 10_000; ; from += 800) {
            deliver(out, Chunks.numbered(from, 800));
            long last = from + 799;
            try {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2))
                        .until(() -> Chunks.received(server).contains(last));
                break;
            } catch (org.awaitility.core.ConditionTimeoutException refused) {
                assertThat(System.nanoTime() - deadline).as("chunks still refused after 30 s").isNegative();
            }
        }
        assertThat(server.messages.get(server.messages.size() - 1).bytes().length).isLessThanOrEqualTo(LIMIT);
    }

    /** The seqs the server received, in order, from text messages (JSON) or binary ones (msgpack). */
    private List<Long> seqs(String format) {
        if (format.equals("msgpack")) {
            return Chunks.received(server);
        }
        List<Long> seqs = new ArrayList<>();
        for (RecordingServer.Received r : server.messages) {
            Matcher m = SEQ.matcher(new String(r.bytes(), StandardCharsets.UTF_8));
            while (m.find()) {
                seqs.add(Long.parseLong(m.group(1)));
            }
        }
        return seqs;
    }

    @Test
    void deliverHelperStillWorksWithALimit() throws Exception {
        TestOutputContext context = context(Map.of("max_message_size", "4k"));
        Output out = harness.start(context);

        deliver(out, Chunks.numbered(0, 1000));

        assertThat(Chunks.received(server)).hasSize(1000);
    }
}
