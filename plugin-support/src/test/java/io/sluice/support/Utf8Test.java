package io.sluice.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Utf8#sequenceLength} against the JDK's strict UTF-8 decoder. */
class Utf8Test {

    /** Third and fourth bytes: the edges of the continuation range (the second byte takes every value). */
    private static final int[] TAILS = {0x7f, 0x80, 0xbf, 0xc0};

    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer chars = CharBuffer.allocate(4);

    /** The length the lead byte announces when {@code b[0, n)} decodes strictly to one code point, else 0. */
    private int reference(byte[] b, int end) {
        int lead = b[0] & 0xff;
        int n = lead >= 0xc0 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf8 ? 4 : 0;
        if (n == 0 || end < n) {
            return 0;
        }
        strict.reset();
        chars.clear();
        ByteBuffer in = ByteBuffer.wrap(b, 0, n);
        if (strict.decode(in, chars, true).isError() || strict.flush(chars).isError() || in.hasRemaining()) {
            return 0;
        }
        return n;
    }

    @Test
    void everyLeadAndSecondByteWithTypicalTailsAndEveryCutMatchesTheStrictDecoder() {
        byte[] b = new byte[4];
        int valid = 0;
        for (int b0 = 0; b0 < 256; b0++) {
            for (int b1 = 0; b1 < 256; b1++) {
                for (int b2 : TAILS) {
                    for (int b3 : TAILS) {
                        b[0] = (byte) b0;
                        b[1] = (byte) b1;
                        b[2] = (byte) b2;
                        b[3] = (byte) b3;
                        for (int end = 1; end <= 4; end++) {
                            int expected = reference(b, end);
                            if (Utf8.sequenceLength(b, 0, end) != expected) {
                                assertThat(Utf8.sequenceLength(b, 0, end))
                                        .as("%02x %02x %02x %02x, end %d", b0, b1, b2, b3, end).isEqualTo(expected);
                            }
                            if (expected > 0) {
                                valid++;
                            }
                        }
                    }
                }
            }
        }
        // the reference found the valid sequences too (a reference that refused everything would agree with a
        // sequenceLength that refused everything): every 2-, 3- and 4-byte form occurs
        assertThat(valid).isPositive();
    }

    @Test
    void readsOnlyFromItsOffset() {
        byte[] b = {'x', (byte) 0xe2, (byte) 0x82, (byte) 0xac, (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80};
        assertThat(Utf8.sequenceLength(b, 1, b.length)).isEqualTo(3);
        assertThat(Utf8.sequenceLength(b, 4, b.length)).isEqualTo(4);
        assertThat(Utf8.sequenceLength(b, 4, 7)).isZero();
        assertThat(Utf8.sequenceLength(b, 2, b.length)).isZero();
        assertThat(Utf8.sequenceLength(b, 0, b.length)).isZero();
    }
}
