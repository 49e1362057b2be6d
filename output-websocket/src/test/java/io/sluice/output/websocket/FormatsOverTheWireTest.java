package io.sluice.output.websocket;

import static io.sluice.output.websocket.OutputHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.EventChunk;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.support.ByteSink;
import io.sluice.support.format.DateFormat;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatOptions;
import io.sluice.testkit.TestOutputContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FormatsOverTheWireTest {

    private final OutputHarness harness = new OutputHarness();
    private RecordingServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = RecordingServer.start(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        server.close();
    }

    private Output output(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(extra);
        settings.put("host", "127.0.0.1");
        settings.put("port", Integer.toString(server.boundPort()));
        return harness.start(TestOutputContext.of(new WebSocketOutputPlugin(), settings, 1));
    }

    static Stream<Arguments> formatsAndDateFormats() {
        List<Arguments> all = new ArrayList<>();
        for (Format f : Format.values()) {
            for (DateFormat d : DateFormat.values()) {
                all.add(Arguments.of(f, d));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("formatsAndDateFormats")
    void everyFormatArrivesByteForByteAsTheFormatterWritesIt(Format format, DateFormat dateFormat) throws Exception {
        EventChunk chunk = chunkWithGelfFields();
        Output out = output(Map.of("format", format.optionValue(), "json_date_key", "ts",
                "json_date_format", dateFormat.optionValue()));

        assertThat(out.flush(chunk, 0)).isEqualTo(FlushResult.OK);

        ByteSink expected = new ByteSink(256);
        new EventFormatter(FormatOptions.of(format).withDateKey("ts").withDateFormat(dateFormat))
                .format(chunk, expected);
        assertThat(server.messages).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo(format != Format.MSGPACK);
            assertThat(m.bytes()).isEqualTo(expected.toByteArray());
        });
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void messageModeRecordSendsOneMessagePerRecord(Format format) throws Exception {
        EventChunk chunk = chunkWithGelfFields();
        Output out = output(Map.of("format", format.optionValue(), "message_mode", "record"));

        assertThat(out.flush(chunk, 0)).isEqualTo(FlushResult.OK);

        List<byte[]> expected = new ArrayList<>();
        new EventFormatter(FormatOptions.of(format)).formatRecords(chunk, new ByteSink(64),
                (array, offset, length) -> expected.add(java.util.Arrays.copyOfRange(array, offset, offset + length)));
        assertThat(server.messages).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(server.messages.get(i).text()).isEqualTo(format != Format.MSGPACK);
            assertThat(server.messages.get(i).bytes()).isEqualTo(expected.get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"JSON", "JSON_STREAM", "JSON_LINES"})
    void invalidUtf8InARecordStillMakesAValidTextFrame(Format format) throws Exception {
        io.sluice.support.event.EventBuffer buffer = new io.sluice.support.event.EventBuffer(64);
        buffer.beginEvent(1700000000L, 0);
        buffer.writeMapHeader(1);
        buffer.writeString("log");
        buffer.writeString(new byte[] {'a', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 'z'}, 0, 5);
        buffer.endEvent();
        Output out = output(Map.of("format", format.optionValue()));

        assertThat(out.flush(EventChunk.of("test", buffer.toByteArray(), 1), 0)).isEqualTo(FlushResult.OK);

        assertThat(server.messages).singleElement().satisfies(m -> assertThat(m.text()).isTrue());
        assertThat(server.closeCodes).isEmpty();
    }

    @Test
    void jsonDateKeyOffLeavesTheDateOut() throws Exception {
        Output out = output(Map.of("format", "json_lines", "json_date_key", "off"));

        deliver(out, Chunks.numbered(7, 1));

        assertThat(server.messages.get(0).utf8()).isEqualTo("{\"seq\":7,\"msg\":\"record number 7\"}\n");
    }

    @Test
    void recordThatCannotBeFormattedFailsTheChunkWithoutSendingAnything() throws Exception {
        TestOutputContext context = TestOutputContext.of(new WebSocketOutputPlugin(), Map.of("host", "127.0.0.1",
                "port", Integer.toString(server.boundPort()), "format", "gelf"), 1);
        Output out = harness.start(context);

        // numbered records have no short_message, which GELF requires
        assertThat(out.flush(Chunks.numbered(0, 2), 0)).isEqualTo(FlushResult.ERROR);

        assertThat(server.messages).isEmpty();
        assertThat(context.counter("format_errors")).isEqualTo(2);
        assertThat(context.log().atOrAbove(ch.qos.logback.classic.Level.ERROR)).singleElement().asString()
                .contains("cannot format chunk", "gelf");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "'', \\u00fcn\\u00efc\\u00f6d\\u00e9",
        "on, \\u00fcn\\u00efc\\u00f6d\\u00e9",
        "off, ünïcödé"})
    void theServiceSettingJsonEscapeUnicodeDecidesHowNonAsciiTextIsSent(String setting, String expected)
            throws Exception {
        TestOutputContext context = TestOutputContext.of(new WebSocketOutputPlugin(), Map.of("host", "127.0.0.1",
                "port", Integer.toString(server.boundPort()), "format", "json_lines", "json_date_key", "off"), 1);
        if (!setting.isEmpty()) {
            context.withServiceSetting("json.escape_unicode", setting);
        }
        Output out = harness.start(context);

        assertThat(out.flush(chunkWithGelfFields(), 0)).isEqualTo(FlushResult.OK);

        assertThat(server.messages).singleElement().satisfies(m ->
                assertThat(m.utf8()).contains("\"text\":\"" + expected + " \\\"quoted\\\"\\ttab\""));
    }

    private static EventChunk chunkWithGelfFields() {
        io.sluice.support.event.EventBuffer buffer = new io.sluice.support.event.EventBuffer(512);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("short_message", "hello " + i);
            body.put("seq", (long) i);
            body.put("level", 6L);
            body.put("text", "ünïcödé \"quoted\"\ttab");
            buffer.writeEvent(new io.sluice.support.event.EventTime(1700000000L + i, 123456789), body);
        }
        return EventChunk.of("test", buffer.toByteArray(), 3);
    }
}
