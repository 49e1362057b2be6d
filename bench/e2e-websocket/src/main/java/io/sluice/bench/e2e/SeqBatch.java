package io.sluice.bench.e2e;

import java.util.Arrays;

/** A growable list of ints that one receiving thread reuses for every message: the seqs found in it. */
final class SeqBatch {

    int[] seqs = new int[16 * 1024];
    int count;

    void add(int seq) {
        if (count == seqs.length) {
            seqs = Arrays.copyOf(seqs, count * 2);
        }
        seqs[count++] = seq;
    }

    void clear() {
        count = 0;
    }
}
