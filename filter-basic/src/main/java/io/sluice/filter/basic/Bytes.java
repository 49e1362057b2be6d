package io.sluice.filter.basic;

import java.util.Arrays;

/** Byte comparisons tuned for the short keys records have. */
final class Bytes {

    private Bytes() {
    }

    /** Whether {@code a[at, at + b.length)} equals {@code b}; the caller has checked the bounds. */
    static boolean equal(byte[] a, int at, byte[] b) {
        int n = b.length;
        if (n > 16) {
            return Arrays.equals(a, at, at + n, b, 0, n);
        }
        for (int i = 0; i < n; i++) {
            if (a[at + i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
