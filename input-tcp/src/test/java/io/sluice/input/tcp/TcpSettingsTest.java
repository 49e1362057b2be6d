package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.PluginException;
import io.sluice.api.config.PluginConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TcpSettingsTest {

    private static TcpSettings settings(Map<String, String> given) throws PluginException {
        return TcpSettings.from(PluginConfig.ofSingle(new TcpInputPlugin().properties(), given),
                LoggerFactory.getLogger(TcpSettingsTest.class));
    }

    @Test
    void defaultsAreThoseOfFluentBit() throws PluginException {
        TcpSettings s = settings(Map.of());
        assertThat(s.listen()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isEqualTo(5170);
        assertThat(s.chunkSize()).isEqualTo(32 * 1024);
        assertThat(s.bufferSize()).isEqualTo(32 * 1024);
        assertThat(s.json()).isTrue();
        assertThat(s.separator()).containsExactly('\n');
        assertThat(s.sourceAddressKey()).isNull();
    }

    @Test
    void sizesAreKilobytesReadLikeAtoi() throws PluginException {
        TcpSettings s = settings(Map.of("Chunk_Size", "64k", "Buffer_Size", "1M"));
        assertThat(s.chunkSize()).isEqualTo(64 * 1024);
        assertThat(s.bufferSize()).isEqualTo(1024);
    }

    @Test
    void bufferSizeDefaultsToChunkSize() throws PluginException {
        assertThat(settings(Map.of("chunk_size", "8")).bufferSize()).isEqualTo(8 * 1024);
    }

    @Test
    void separatorEscapesAreUnderstood() {
        assertThat(TcpSettings.unescape("\\r\\n")).containsExactly('\r', '\n');
        assertThat(TcpSettings.unescape("\\t|\\a\\b\\v\\f\\\\")).containsExactly('\t', '|', 7, 8, 11, 12, '\\');
        assertThat(TcpSettings.unescape("a\\qb")).containsExactly('a', '\\', 'q', 'b');
    }

    @Test
    void formatIsCaseInsensitiveAndNoneMeansLines() throws PluginException {
        assertThat(settings(Map.of("format", "NONE")).json()).isFalse();
        assertThatThrownBy(() -> settings(Map.of("format", "xml"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroSizeIsRejectedWithTheKeysToFix() {
        assertThatThrownBy(() -> settings(Map.of("buffer_size", "0"))).isInstanceOf(PluginException.class)
                .hasMessageContaining("Buffer_Size");
    }
}
