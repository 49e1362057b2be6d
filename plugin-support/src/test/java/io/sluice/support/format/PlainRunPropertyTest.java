package io.sluice.support.format;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The word-at-a-time scan for bytes that need escaping against a byte-by-byte reference. */
class PlainRunPropertyTest {

    private static int referenceRunEnd(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return i;
            }
        }
        return end;
    }

    @Provide
    Arbitrary<byte[]> mostlyPlainBytes() {
        Arbitrary<Byte> plain = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7e);
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> edges = Arbitraries.of((byte) 0x1f, (byte) 0x20, (byte) '"', (byte) '\\', (byte) 0x7e,
                (byte) 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0, (byte) 0x21, (byte) 0x5b, (byte) 0x5d);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(20, plain), net.jqwik.api.Tuple.of(1, any),
                        net.jqwik.api.Tuple.of(1, edges))
                .array(byte[].class).ofMaxSize(80);
    }

    @Property(tries = 3000)
    void scanStopsAtTheFirstByteThatNeedsEscaping(@ForAll("mostlyPlainBytes") byte[] b,
            @ForAll("offsets") int skip) {
        int from = Math.min(skip, b.length);
        assertThat(JsonStrings.plainRunEnd(b, from, b.length)).isEqualTo(referenceRunEnd(b, from, b.length));
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(0, 9);
    }

    @Example
    void everySingleSpecialByteIsFoundAtEveryPositionOfAWord() {
        for (int c = 0; c < 256; c++) {
            for (int at = 0; at < 16; at++) {
                byte[] b = "abcdefghijklmnop".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                b[at] = (byte) c;
                assertThat(JsonStrings.plainRunEnd(b, 0, b.length))
                        .as("byte 0x%02x at %d", c, at)
                        .isEqualTo(referenceRunEnd(b, 0, b.length));
            }
        }
    }
}
