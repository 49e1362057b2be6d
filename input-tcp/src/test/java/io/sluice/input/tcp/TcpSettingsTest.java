package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.core.config.ConfigException;
import io.sluice.testkit.TestConfigs;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpSettingsTest {

    private static TcpSettings settings(Map<String, String> given) {
        return TcpSettings.from(TestConfigs.of(new TcpInputPlugin(), given));
    }

    /** Core's message refusing {@code key value}, after checking that core blames {@code key}. */
    private static String refusal(String key, String value) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> TestConfigs.of(new TcpInputPlugin(), Map.of(key, value)));
        assertThat(e).as("%s %s is refused", key, value).isNotNull();
        // the testkit's message leaves the key out; core's exception carries it
        assertThat(e.getCause()).isInstanceOfSatisfying(ConfigException.class,
                c -> assertThat(c.key()).isEqualTo(key.toLowerCase(Locale.ROOT)));
        return e.getMessage();
    }

    @Test
    void defaultsAreThoseOfFluentBit() {
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
    void sizesAreKilobytes() {
        TcpSettings s = settings(Map.of("Chunk_Size", "64", "Buffer_Size", "1"));
        assertThat(s.chunkSize()).isEqualTo(64 * 1024);
        assertThat(s.bufferSize()).isEqualTo(1024);
    }

    @Test
    void theLargestSizesStillFitAnInt() {
        TcpSettings s = settings(Map.of("Chunk_Size", "1048576", "Buffer_Size", "1048576"));
        assertThat(s.chunkSize()).isEqualTo(1 << 30);
        assertThat(s.bufferSize()).isEqualTo(1 << 30);
    }

    @Test
    void bufferSizeDefaultsToChunkSize() {
        assertThat(settings(Map.of("chunk_size", "8")).bufferSize()).isEqualTo(8 * 1024);
        assertThat(settings(Map.of("chunk_size", "8", "buffer_size", "16")).bufferSize()).isEqualTo(16 * 1024);
    }

    @Test
    void separatorEscapesAreUnderstood() {
        assertThat(TcpSettings.unescape("\\r\\n")).containsExactly('\r', '\n');
        assertThat(TcpSettings.unescape("\\t|\\a\\b\\v\\f\\\\")).containsExactly('\t', '|', 7, 8, 11, 12, '\\');
        assertThat(TcpSettings.unescape("a\\qb")).containsExactly('a', '\\', 'q', 'b');
        assertThat(TcpSettings.unescape("\\0")).containsExactly(0);
        assertThat(settings(Map.of("separator", "\\0")).separator()).containsExactly(0);
        assertThat(settings(Map.of("separator", "\\r\\n")).separator()).containsExactly('\r', '\n');
    }

    @Test
    void formatIsCaseInsensitiveAndNoneMeansLines() {
        assertThat(settings(Map.of("format", "NONE")).json()).isFalse();
        assertThat(settings(Map.of("format", "Json")).json()).isTrue();
        assertThat(refusal("format", "xml")).contains("'xml'").contains("json, none");
    }

    @Test
    void anEmptySourceAddressKeyAddsNoKey() {
        assertThat(settings(Map.of("source_address_key", "")).sourceAddressKey()).isNull();
        assertThat(settings(Map.of("source_address_key", "peer")).sourceAddressKey()).isEqualTo("peer");
    }

    @Test
    void portZeroMeansAnyFreePortAndAPortOutsideTheTcpRangeIsRefused() {
        assertThat(settings(Map.of("port", "0")).port()).isZero();
        assertThat(settings(Map.of("port", "65535")).port()).isEqualTo(65535);
        assertThat(refusal("Port", "65536")).contains("'65536'").contains("from 0 to 65535");
        assertThat(refusal("Port", "-1")).contains("'-1'").contains("from 0 to 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Chunk_Size", "Buffer_Size"})
    void aSizeOutsideOneKilobyteToOneGigabyteIsRefusedWithTheRange(String key) {
        assertThat(refusal(key, "0")).contains("'0'").contains("from 1 to 1048576");
        assertThat(refusal(key, "-5")).contains("'-5'").contains("from 1 to 1048576");
        assertThat(refusal(key, "1048577")).contains("'1048577'").contains("from 1 to 1048576");
        assertThat(refusal(key, "99999999999999999")).contains("'99999999999999999'").contains("from 1 to 1048576");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Chunk_Size", "Buffer_Size"})
    void aSizeWithASuffixIsRefusedInsteadOfReadLikeAtoi(String key) {
        // Fluent Bit would read 32k as 32 KB and 1M as 1 KB; a whole number of KB leaves no doubt
        assertThat(refusal(key, "32k")).contains("'32k'").contains("whole number");
        assertThat(refusal(key, "1M")).contains("'1M'").contains("whole number");
    }

    @Test
    void workersDefaultToOnePerProcessorUpToFourAndMayBeSet() {
        assertThat(TcpSettings.defaultWorkers(1)).isEqualTo(1);
        assertThat(TcpSettings.defaultWorkers(2)).isEqualTo(2);
        assertThat(TcpSettings.defaultWorkers(64)).isEqualTo(4);
        assertThat(settings(Map.of()).workers())
                .isEqualTo(TcpSettings.defaultWorkers(Runtime.getRuntime().availableProcessors()));
        assertThat(settings(Map.of("Workers", "8")).workers()).isEqualTo(8);
        assertThat(refusal("workers", "0")).contains("'0'").contains("from 1 to 64");
    }

    @Test
    void readsTakeChunkSizeAtMostOneMegabyte() {
        assertThat(settings(Map.of("chunk_size", "64")).readSize()).isEqualTo(64 * 1024);
        assertThat(settings(Map.of("chunk_size", "1048576")).readSize()).isEqualTo(1024 * 1024);
    }

    @Test
    void anEmptySeparatorIsRefusedBeforeTheInputIsCreated() {
        assertThat(refusal("Separator", "")).contains("Separator must not be empty").contains("\\r\\n");
    }
}
