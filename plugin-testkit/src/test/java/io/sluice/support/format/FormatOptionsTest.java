package io.sluice.support.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.config.PluginConfig;
import io.sluice.testkit.TestConfigs;
import io.sluice.api.config.Property;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FormatOptionsTest {

    private static final List<Property<?>> WEBSOCKET = FormatOptions.properties("msgpack",
            "msgpack", "json", "json_stream", "json_lines", "gelf");
    private static final List<Property<?>> STDOUT = FormatOptions.properties("msgpack",
            "msgpack", "json", "json_stream", "json_lines");

    @Test
    void defaultsAreFluentBits() {
        FormatOptions options = FormatOptions.from(TestConfigs.ofProperties(WEBSOCKET, Map.of()));

        assertThat(options).isEqualTo(FormatOptions.of(Format.MSGPACK));
        assertThat(options.dateKey()).isEqualTo("date");
        assertThat(options.dateFormat()).isEqualTo(DateFormat.DOUBLE);
        assertThat(options.escapeUnicode()).isTrue();
        assertThat(options.gelfShortMessageKey()).isEqualTo("short_message");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "Off", "NO"})
    void falseOffOrNoDisableTheDateKey(String value) {
        FormatOptions options = FormatOptions.from(TestConfigs.ofProperties(WEBSOCKET, Map.of("json_date_key", value)));

        assertThat(options.dateKey()).isNull();
    }

    @Test
    void readsEveryDeclaredKey() {
        FormatOptions options = FormatOptions.from(TestConfigs.ofProperties(WEBSOCKET, Map.of(
                "Format", "GELF", "json_date_key", "ts", "json_date_format", "Epoch_Millis",
                "gelf_short_message_key", "log", "gelf_full_message_key", "f", "gelf_host_key", "h",
                "gelf_level_key", "l", "gelf_timestamp_key", "t")));

        assertThat(options).isEqualTo(new FormatOptions(Format.GELF, "ts", DateFormat.EPOCH_MS, true, true,
                "log", "f", "h", "l", "t"));
    }

    @Test
    void gelfKeysAreOnlyDeclaredWhenGelfIsAllowed() {
        assertThat(STDOUT).extracting(Property::name)
                .containsExactly("format", "json_date_key", "json_date_format");
        assertThatThrownBy(() -> TestConfigs.ofProperties(STDOUT, Map.of("format", "gelf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("json_lines");
        assertThatThrownBy(() -> TestConfigs.ofProperties(STDOUT, Map.of("gelf_host_key", "h")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownDateFormatIsRejectedWhenTheConfigurationIsRead() {
        assertThatThrownBy(() -> TestConfigs.ofProperties(STDOUT, Map.of("json_date_format", "rfc3339")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iso8601");
    }

    @Test
    void formatNamesAreCaseInsensitiveAndUnknownOnesListTheValidValues() {
        assertThat(Format.parse("JSON_Lines")).isEqualTo(Format.JSON_LINES);
        assertThat(Format.MSGPACK.isText()).isFalse();
        assertThat(Format.GELF.isText()).isTrue();
        assertThatThrownBy(() -> Format.parse("otlp_json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("otlp_json").hasMessageContaining("msgpack, json, json_stream, json_lines, gelf");
    }

    @Test
    void defaultFormatMustBeAllowed() {
        assertThatThrownBy(() -> FormatOptions.properties("gelf", "msgpack", "json"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
