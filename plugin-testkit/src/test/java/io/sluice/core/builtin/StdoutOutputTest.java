package io.sluice.core.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.testkit.TestConfigs;
import io.sluice.testkit.TestOutputContext;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two example records printed by stdout in each format, byte for byte as Fluent Bit prints them. */
class StdoutOutputTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private String escapeUnicode;

    @Test
    void msgpackFormatPrintsFluentBitsHumanForm() throws Exception {
        assertThat(print(Map.of())).isEqualTo(
                "[0] tcp.0: [[1700000000.123456789, {}], {\"key 1\"=>123456789, \"key 2\"=>\"abcdefg\"}]\n"
                + "[1] tcp.0: [[1700000001.000000000, {}], {\"msg\"=>\"h\u00e9llo \"x\"\n\", \"ratio\"=>0.500000, "
                + "\"count\"=>2.000000, \"ok\"=>true, \"none\"=>nil}]\n");
    }

    @Test
    void jsonLinesPrintsOneObjectPerLineWithTheDateFirst() throws Exception {
        assertThat(print(Map.of("format", "json_lines"))).isEqualTo(
                "{\"date\":1700000000.123457,\"key 1\":123456789,\"key 2\":\"abcdefg\"}\n"
                + "{\"date\":1700000001.0,\"msg\":\"h\\u00e9llo \\\"x\\\"\\n\",\"ratio\":0.5,\"count\":2.0,"
                + "\"ok\":true,\"none\":null}\n");
    }

    @Test
    void jsonPrintsOneArrayAndANewline() throws Exception {
        assertThat(print(Map.of("format", "json", "json_date_format", "epoch"))).isEqualTo(
                "[{\"date\":1700000000,\"key 1\":123456789,\"key 2\":\"abcdefg\"},"
                + "{\"date\":1700000001,\"msg\":\"h\\u00e9llo \\\"x\\\"\\n\",\"ratio\":0.5,\"count\":2.0,"
                + "\"ok\":true,\"none\":null}]\n");
    }

    @Test
    void jsonStreamPrintsObjectsBackToBackAndANewline() throws Exception {
        assertThat(print(Map.of("format", "json_stream", "json_date_key", "ts", "json_date_format", "iso8601")))
                .startsWith("{\"ts\":\"2023-11-14T22:13:20.123456Z\",\"key 1\":123456789,\"key 2\":\"abcdefg\"}"
                        + "{\"ts\":\"2023-11-14T22:13:21.000000Z\",")
                .endsWith("\"none\":null}\n");
    }

    @Test
    void jsonDateKeyFalseLeavesTheDateOut() throws Exception {
        assertThat(print(Map.of("format", "json_lines", "json_date_key", "off")))
                .startsWith("{\"key 1\":123456789,\"key 2\":\"abcdefg\"}\n{\"msg\":");
    }

    @Test
    void jsonEscapeUnicodeOffInServiceWritesRawUtf8() throws Exception {
        escapeUnicode = "off";
        assertThat(print(Map.of("format", "json_lines", "json_date_key", "off")))
                .contains("\"msg\":\"h\u00e9llo");
    }

    @Test
    void formatsOtherThanStdoutsAreRejectedByTheDeclaration() {
        StdoutPlugin plugin = new StdoutPlugin(printed);
        assertThatThrownBy(() -> TestConfigs.of(plugin, Map.of("format", "gelf")))
                .hasMessageContaining("gelf");
    }

    @Test
    void describesItselfAsFluentBitDoes() {
        StdoutPlugin plugin = new StdoutPlugin(printed);
        assertThat(plugin.name()).isEqualTo("stdout");
        assertThat(plugin.description()).isEqualTo("Prints events to STDOUT");
        assertThat(plugin.defaultWorkers()).isEqualTo(1);
    }

    @Test
    void aClosedPipeStopsSluiceOnceAndIsNotRetried() throws Exception {
        java.io.OutputStream closedPipe = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        java.util.concurrent.atomic.AtomicInteger stops = new java.util.concurrent.atomic.AtomicInteger();
        StdoutPlugin plugin = new StdoutPlugin(closedPipe, stops::incrementAndGet);
        Output output = plugin.create(context(plugin, Map.of()));

        assertThat(output.flush(workedExample(), 0)).isEqualTo(FlushResult.ERROR);
        assertThat(output.flush(workedExample(), 0)).isEqualTo(FlushResult.ERROR);
        assertThat(stops).hasValue(1);
    }

    @Test
    void anotherWriteErrorIsARetryNotADelivery() throws Exception {
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Input/output error");
            }
        };
        for (java.io.OutputStream stream : java.util.List.of(broken, new java.io.PrintStream(broken))) {
            StdoutPlugin plugin = new StdoutPlugin(stream);
            Output output = plugin.create(context(plugin, Map.of()));

            assertThat(output.flush(workedExample(), 0)).as(stream.getClass().getSimpleName())
                    .isEqualTo(FlushResult.RETRY);
        }
    }

    private String print(Map<String, String> settings) throws Exception {
        StdoutPlugin plugin = new StdoutPlugin(printed);
        Output output = plugin.create(context(plugin, settings));
        assertThat(output.flush(workedExample(), 0)).isEqualTo(FlushResult.OK);
        return printed.toString(StandardCharsets.UTF_8);
    }

    static EventChunk workedExample() {
        EventBuffer events = new EventBuffer(256);
        Map<String, Object> r1 = new LinkedHashMap<>();
        r1.put("key 1", 123456789);
        r1.put("key 2", "abcdefg");
        events.beginEvent(1_700_000_000L, 123_456_789);
        events.writeValue(r1);
        events.endEvent();
        Map<String, Object> r2 = new LinkedHashMap<>();
        r2.put("msg", "h\u00e9llo \"x\"\n");
        r2.put("ratio", 0.5);
        r2.put("count", 2.0);
        r2.put("ok", true);
        r2.put("none", null);
        events.beginEvent(1_700_000_001L, 0);
        events.writeValue(r2);
        events.endEvent();
        return new EventChunk("1-1.flb", "tcp.0", events.toByteArray(), 0, events.size(), 2);
    }

    private OutputContext context(StdoutPlugin plugin, Map<String, String> settings) {
        TestOutputContext context = TestOutputContext.of(plugin, settings, 1);
        if (escapeUnicode != null) {
            context.withServiceSetting("json.escape_unicode", escapeUnicode);
        }
        return context;
    }
}
