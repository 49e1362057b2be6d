package io.sluice.bench.e2e;

/**
 * Finds every {@code "seq":N} in a JSON text message without parsing records into objects: the receiver must stay
 * far faster than sluice. Relies on the benchmark's own records, whose other values never contain {@code "seq":}.
 */
final class JsonSeqScanner {

    private static final String KEY = "\"seq\":";

    private JsonSeqScanner() {
    }

    static void scan(String text, SeqBatch out) {
        int at = text.indexOf(KEY);
        int length = text.length();
        while (at >= 0) {
            int p = at + KEY.length();
            while (p < length && text.charAt(p) == ' ') {
                p++;
            }
            int value = 0;
            int digits = 0;
            while (p < length) {
                char c = text.charAt(p);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                digits++;
                p++;
            }
            out.add(digits == 0 ? -1 : value);
            at = text.indexOf(KEY, p);
        }
    }
}
