package io.sluice.support.accessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void asciiTextIsReadInPlaceAndSwitchingBetweenKindsKeepsEachValueRight() {
        byte[] b = "..plain ascii..héllo".getBytes(StandardCharsets.UTF_8);
        Utf8Chars chars = new Utf8Chars();
        assertThat(chars.set(b, 2, 11).toString()).isEqualTo("plain ascii");
        assertThat(chars.length()).isEqualTo(11);
        assertThat(chars.charAt(10)).isEqualTo('i');
        assertThat(chars.subSequence(6, 11).toString()).isEqualTo("ascii");
        assertThat(chars.set(b, 15, b.length - 15).toString()).isEqualTo("héllo");
        assertThat(chars.set(b, 0, 7).toString()).isEqualTo("..plain");
        assertThat(chars.set("é").toString()).isEqualTo("é");
        chars.set(b, 2, 5);
        assertThat(chars.set(chars).toString()).as("set to itself").isEqualTo("plain");
        chars.clear();
        assertThat(chars.length()).isZero();
        assertThat(chars.toString()).isEmpty();
    }

    @Test
    void anIndexOutsideTheTextIsRefusedEvenWhereTheBytesGoOn() {
        byte[] b = "abcdef".getBytes(StandardCharsets.US_ASCII);
        Utf8Chars chars = new Utf8Chars().set(b, 2, 2);
        assertThatThrownBy(() -> chars.charAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> chars.charAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> chars.subSequence(1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Property
    void validUtf8DecodesAsJavaDoes(@ForAll String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(new Utf8Chars().set(b, 0, b.length).toString())
                .isEqualTo(new String(b, StandardCharsets.UTF_8));
    }
}
