package io.sluice.input.tcp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tcp items of the issue "Hardening: what an adversarial pass broke", each over a real socket. */
class TcpInputHardeningTest extends TcpInputFixture {

    private static final List<String> COUNTERS = List.of("invalid_json", "oversize_records", "incomplete_records",
            "skipped_values", "invalid_utf8", "invalid_escapes", "numbers_as_text", "unterminated_records");

    /** Every problem counter, so that an assertion names each one, zeros included. */
    private Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        COUNTERS.forEach(c -> m.put(c, context.counter(c)));
        return m;
    }

    private static Map<String, Long> expected(Object... nameValues) {
        Map<String, Long> m = new LinkedHashMap<>();
        COUNTERS.forEach(c -> m.put(c, 0L));
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], ((Number) nameValues[i + 1]).longValue());
        }
        return m;
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                for (int b : (int[]) p) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    /** Item 8: one 200 MB line is one oversize record, not hundreds of invalid JSON messages besides. */
    @ParameterizedTest
    @ValueSource(strings = {"string", "key", "array"})
    void aTwoHundredMegabyteLineIsOneOversizeRecord(String shape) throws Exception {
        start("buffer_size", "64");
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        out.write(bytes("{\"seq\":0}\n"));
        byte[] filler = (shape.equals("array") ? "1234567,".repeat(128 * 1024) : "x".repeat(1024 * 1024))
                .getBytes(StandardCharsets.UTF_8);
        out.write(bytes(switch (shape) {
            case "string" -> "{\"big\":\"";
            case "key" -> "{\"";
            default -> "{\"big\":[";
        }));
        for (int i = 0; i < 200; i++) {
            out.write(filler);
        }
        out.write(bytes(switch (shape) {
            case "string" -> "\"}\n";
            case "key" -> "\":1}\n";
            default -> "0]}\n";
        }));
        out.write(bytes("{\"seq\":1}\n"));
        out.flush();

        await().atMost(60, SECONDS).until(() -> sequence().size() == 2);
        assertThat(sequence()).containsExactly(0L, 1L);
        assertThat(emitter.count()).isEqualTo(2);
        assertThat(counters()).isEqualTo(expected("oversize_records", 1));
    }

    /** Item 9: each value keeps what it says, the record around it is kept, and every change is counted. */
    @Test
    void valuesKeepWhatTheySayAndEveryChangeIsCounted() throws Exception {
        start();
        Socket s = connect();
        s.getOutputStream().write(bytes(
                "{\"float\":1e999999}\n",
                "{\"int\":123456789012345678901234567890}\n",
                "{\"u64\":18446744073709551615}\n",
                "{\"zero\":-0}\n",
                "{\"utf8\":\"a", new int[] {0xff}, "b\"}\n",
                "{\"nul\":\"a", new int[] {0}, "b\"}\n",
                "{\"escape\":\"\\uZZZZ\"}\n",
                new int[] {0, 0, 0}, "{\"after_nul\":1}\n"));
        s.getOutputStream().flush();

        await().atMost(10, SECONDS).until(() -> emitter.count() == 8);
        List<Map<String, Object>> bodies = emitter.bodies();
        assertThat(bodies.get(0)).isEqualTo(Map.of("float", "1e999999"));
        assertThat(bodies.get(1)).isEqualTo(Map.of("int", "123456789012345678901234567890"));
        assertThat(bodies.get(2)).isEqualTo(Map.of("u64", new java.math.BigInteger("18446744073709551615")));
        assertThat(Double.doubleToRawLongBits((Double) bodies.get(3).get("zero")))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(bodies.get(4)).isEqualTo(Map.of("utf8", "a\ufffdb"));
        assertThat(bodies.get(5)).isEqualTo(Map.of("nul", "a\u0000b"));
        assertThat(bodies.get(6)).isEqualTo(Map.of("escape", "\\uZZZZ"));
        assertThat(bodies.get(7)).isEqualTo(Map.of("after_nul", 1L));
        assertThat(counters()).isEqualTo(expected("numbers_as_text", 2, "invalid_utf8", 1, "invalid_escapes", 1,
                "invalid_json", 1));
    }

    /** Item 10: {@code \0} splits at NUL bytes, and the last piece before the connection closes is a record. */
    @Test
    void aNulSeparatorSplitsAtNulBytes() throws Exception {
        start("format", "none", "separator", "\\0");
        try (Socket s = connect()) {
            s.getOutputStream().write(bytes("one", new int[] {0}, "two\nlines", new int[] {0, 0}, "three",
                    new int[] {0}));
        }
        await().atMost(10, SECONDS).until(() -> emitter.count() == 3);
        assertThat(emitter.bodies()).containsExactly(Map.of("log", "one"), Map.of("log", "two\nlines"),
                Map.of("log", "three"));
        assertThat(counters()).isEqualTo(expected());
    }

    /** Item 10: {@code printf 'hello' | nc host 5170} delivers hello, counted as unterminated. */
    @Test
    void theLastLineOfAConnectionClosedWithoutASeparatorIsARecord() throws Exception {
        start("format", "none");
        try (Socket s = connect()) {
            send(s, "first\nhello");
        }
        await().atMost(10, SECONDS).until(() -> emitter.count() == 2);
        assertThat(emitter.bodies()).containsExactly(Map.of("log", "first"), Map.of("log", "hello"));
        assertThat(counters()).isEqualTo(expected("unterminated_records", 1));
    }

    /**
     * {@code Chunk_Size 1048576} (1 GiB): the output buffer's size no longer overflows an int, and reads take at
     * most 1 MiB, so starting does not allocate a gigabyte per selector thread; records of several MB still pass.
     */
    @Test
    void theLargestChunkSizeStartsWithoutAllocatingAGigabyte() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        start("chunk_size", "1048576");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated to create and start the input").isLessThan(64L << 20);

        char[] big = new char[5 << 20];
        Arrays.fill(big, 'b');
        Socket s = connect();
        send(s, "{\"big\":\"" + new String(big) + "\"}\n{\"seq\":1}\n");
        await().atMost(30, SECONDS).until(() -> emitter.count() == 2);
        assertThat(((String) emitter.bodies().get(0).get("big")).length()).isEqualTo(big.length);
        assertThat(counters()).isEqualTo(expected());
    }
}
