package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlKeysTest {

    @ParameterizedTest
    @CsvSource({
        "Mem_Buf_Limit, Mem_Buf_Limit",
        "Match, Match",
        "HC_Period, HC_Period",
        "MemBufLimit, MemBufLimit",
        "mem_buf_limit, mem_buf_limit",
        "storage.total_limit_size, storage.total_limit_size",
        "interval_Sec, interval_sec",
        "memBufLimit, mem_buf_limit",
        "logLevel, log_level",
        "aBCD, a_b_c_d",
        "storage.type, storage.type",
        "storage.totalLimitSize, storage.total_limit_size",
        "a, a",
        "1abc, 1abc"})
    void keysAreRewrittenAsFluentBitDoes(String written, String translated) {
        assertThat(YamlKeys.translate(written)).isEqualTo(translated);
    }

    @ParameterizedTest
    @CsvSource({"MemBufLimit, membuflimit", "memBufLimit, mem_buf_limit", "HTTP_Server, http_server",
        "' tag ', tag"})
    void entryKeysAreTranslatedTrimmedAndLowerCase(String written, String key) {
        assertThat(YamlKeys.entryKey(written)).isEqualTo(key);
    }
}
