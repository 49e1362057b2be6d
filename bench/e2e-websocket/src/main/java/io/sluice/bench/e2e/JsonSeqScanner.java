package io.sluice.bench.e2e;

/**
 * Finds every {@code "seq":N} in the bytes of a JSON text message without decoding them: a Horspool search for the
 * 6-byte key (it mostly steps 6 bytes at a time), then the digits read in place. Relies on the benchmark's own
 * records, whose other values never contain {@code "seq":}.
 */
final class JsonSeqScanner {

    private static final byte[] KEY = {'"', 's', 'e', 'q', '"', ':'};
    private static final int[] SHIFT = new int[256];

    static {
        java.util.Arrays.fill(SHIFT, KEY.length);
        for (int i = 0; i < KEY.length - 1; i++) {
            SHIFT[KEY[i] & 0xff] = KEY.length - 1 - i;
        }
    }

    private JsonSeqScanner() {
    }

    static void scan(byte[] a, int offset, int length, SeqBatch out) {
        int end = offset + length;
        int last = KEY.length - 1;
        int i = offset + last;
        while (i < end) {
            int b = a[i];
            if (b == ':' && a[i - 1] == '"' && a[i - 2] == 'q' && a[i - 3] == 'e' && a[i - 4] == 's'
                    && a[i - 5] == '"') {
                i = readValue(a, i + 1, end, out) + last;
            } else {
                i += SHIFT[b & 0xff];
            }
        }
    }

    /** Reads the number at {@code p} (after optional spaces) into {@code out}; returns where it ended. */
    private static int readValue(byte[] a, int p, int end, SeqBatch out) {
        while (p < end && a[p] == ' ') {
            p++;
        }
        int value = 0;
        int digits = 0;
        while (p < end) {
            int c = a[p] - '0';
            if (c < 0 || c > 9) {
                break;
            }
            value = value * 10 + c;
            digits++;
            p++;
        }
        out.add(digits == 0 ? -1 : value);
        return p;
    }
}
