package io.sluice.distribution.fake;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The sequence numbers found in received records, for counting loss and duplication exactly. Records whose field is
 * missing or not an integer are counted as {@link #unnumbered()}.
 */
public final class ReceivedRecords {

    private final long[] sorted;
    private final int unnumbered;

    private ReceivedRecords(long[] sorted, int unnumbered) {
        this.sorted = sorted;
        this.unnumbered = unnumbered;
    }

    /** The integer {@code field} of every record. */
    public static ReceivedRecords of(List<Map<String, Object>> records, String field) {
        long[] seqs = new long[records.size()];
        int n = 0;
        int unnumbered = 0;
        for (Map<String, Object> record : records) {
            Object value = record.get(field);
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                seqs[n++] = ((Number) value).longValue();
            } else if (value instanceof BigInteger big && big.bitLength() <= 63) {
                seqs[n++] = big.longValue();
            } else {
                unnumbered++;
            }
        }
        long[] sorted = Arrays.copyOf(seqs, n);
        Arrays.sort(sorted);
        return new ReceivedRecords(sorted, unnumbered);
    }

    /** Numbered records received, duplicates included. */
    public int count() {
        return sorted.length;
    }

    /** Records without an integer field. */
    public int unnumbered() {
        return unnumbered;
    }

    /** Every sequence number received at least once. */
    public SortedSet<Long> distinctSeqs() {
        SortedSet<Long> set = new TreeSet<>();
        for (long seq : sorted) {
            set.add(seq);
        }
        return set;
    }

    /** How many sequence numbers were received at least once. */
    public int distinctCount() {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** Records received more than once, counted beyond their first copy. */
    public int duplicates() {
        return count() - distinctCount();
    }

    /** Each sequence number received more than once, with how many times, ascending. */
    public Map<Long, Integer> duplicatedSeqs() {
        Map<Long, Integer> duplicated = new LinkedHashMap<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                duplicated.merge(sorted[i], 2, (a, b) -> a + 1);
            }
        }
        return duplicated;
    }

    /** Sequence numbers in {@code [from, to]} (both inclusive) never received, ascending. */
    public List<Long> missing(long from, long to) {
        List<Long> missing = new ArrayList<>();
        int i = lowerBound(from);
        for (long seq = from; seq <= to; seq++) {
            while (i < sorted.length && sorted[i] < seq) {
                i++;
            }
            if (i >= sorted.length || sorted[i] != seq) {
                missing.add(seq);
            }
        }
        return missing;
    }

    /** Whether every sequence number in {@code [from, to]} was received. */
    public boolean containsAll(long from, long to) {
        return missingCount(from, to) == 0;
    }

    /** How many sequence numbers in {@code [from, to]} were never received. */
    public long missingCount(long from, long to) {
        long present = 0;
        for (int i = lowerBound(from); i < sorted.length && sorted[i] <= to; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                present++;
            }
        }
        return to - from + 1 - present;
    }

    /** e.g. {@code 1000 of 1..1000: 1002 received, 2 duplicates, 0 missing, 0 unnumbered}, for test messages. */
    public String summary(long from, long to) {
        List<Long> missing = missing(from, to);
        String firstMissing = missing.isEmpty() ? "" : " (first " + missing.subList(0, Math.min(10, missing.size())) + ")";
        return (to - from + 1) + " of " + from + ".." + to + ": " + count() + " received, " + duplicates()
                + " duplicates, " + missing.size() + " missing" + firstMissing + ", " + unnumbered + " unnumbered";
    }

    @Override
    public String toString() {
        return count() + " records, " + distinctCount() + " distinct, " + unnumbered + " unnumbered";
    }

    private int lowerBound(long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
