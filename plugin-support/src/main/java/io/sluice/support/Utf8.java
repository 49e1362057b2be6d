package io.sluice.support;

/** UTF-8 validation shared by the JSON writers and the inputs' decoders. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The length (2 to 4) of the complete, valid UTF-8 sequence starting at {@code b[i]}, or 0 when the byte there
     * does not start one before {@code end}: an ASCII byte, a continuation byte, an overlong form, a surrogate, a code
     * point above U+10FFFF, a bad continuation byte or a sequence cut short by {@code end}.
     */
    public static int sequenceLength(byte[] b, int i, int end) {
        int b0 = b[i] & 0xff;
        if (b0 < 0xc2) {
            return 0;
        }
        if (b0 < 0xe0) {
            return i + 1 < end && (b[i + 1] & 0xc0) == 0x80 ? 2 : 0;
        }
        if (b0 < 0xf0) {
            if (i + 2 >= end) {
                return 0;
            }
            int b1 = b[i + 1] & 0xff;
            int lo = b0 == 0xe0 ? 0xa0 : 0x80;
            int hi = b0 == 0xed ? 0x9f : 0xbf;
            return b1 >= lo && b1 <= hi && (b[i + 2] & 0xc0) == 0x80 ? 3 : 0;
        }
        if (b0 < 0xf5) {
            if (i + 3 >= end) {
                return 0;
            }
            int b1 = b[i + 1] & 0xff;
            int lo = b0 == 0xf0 ? 0x90 : 0x80;
            int hi = b0 == 0xf4 ? 0x8f : 0xbf;
            return b1 >= lo && b1 <= hi && (b[i + 2] & 0xc0) == 0x80 && (b[i + 3] & 0xc0) == 0x80 ? 4 : 0;
        }
        return 0;
    }
}
