package io.sluice.support.accessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Utf8CharsTest {

    @Test
    void decodesAsciiAndMultiByteText() {
        byte[] b = "xx héllo 日本 😀".getBytes(StandardCharsets.UTF_8);
        Utf8Chars chars = new Utf8Chars().set(b, 3, b.length - 3);
        assertThat(chars.toString()).isEqualTo("héllo 日本 😀");
        assertThat(chars.subSequence(0, 5).toString()).isEqualTo("héllo");
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        byte[] b = {'a', (byte) 0xff, (byte) 0xc3, 'b', (byte) 0xe6, (byte) 0x97};
        assertThat(new Utf8Chars().set(b, 0, b.length).toString()).isEqualTo("a\uFFFD\uFFFDb\uFFFD\uFFFD");
    }

    @Test
    void growsForLongValues() {
        String longText = "é".repeat(1000);
        byte[] b = longText.getBytes(StandardCharsets.UTF_8);
        assertThat(new Utf8Chars().set(b, 0, b.length).toString()).isEqualTo(longText);
    }

    @Property
    void validUtf8DecodesAsJavaDoes(@ForAll String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(new Utf8Chars().set(b, 0, b.length).toString())
                .isEqualTo(new String(b, StandardCharsets.UTF_8));
    }
}
