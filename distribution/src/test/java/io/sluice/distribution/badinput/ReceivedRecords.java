package io.sluice.distribution.badinput;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records sluice printed with {@code Format json_lines}, counted per sender: every test record starts with
 * {@code "src": NAME, "seq": N}, so loss and duplication are exact per sender. Lines of other shapes (records that
 * garbage happened to form) are only counted.
 */
final class ReceivedRecords {

    private static final Pattern TAG = Pattern.compile("\"src\":\"([^\"]*)\",\"seq\":(\\d+)");

    private final Map<String, Map<Long, Integer>> bySender = new HashMap<>();
    private long otherLines;

    /** Takes one line of sluice's stdout. */
    synchronized void accept(String line) {
        Matcher m = TAG.matcher(line);
        if (m.find()) {
            bySender.computeIfAbsent(m.group(1), k -> new HashMap<>()).merge(Long.parseLong(m.group(2)), 1,
                    Integer::sum);
            notifyAll();
        } else {
            otherLines++;
        }
    }

    /** How many distinct {@code seq} values arrived from {@code sender}. */
    synchronized int distinct(String sender) {
        return bySender.getOrDefault(sender, Map.of()).size();
    }

    /** The {@code seq} values of {@code sender} that arrived more than once, with how often. */
    synchronized Map<Long, Integer> duplicates(String sender) {
        Map<Long, Integer> dups = new TreeMap<>();
        bySender.getOrDefault(sender, Map.of()).forEach((seq, n) -> {
            if (n > 1) {
                dups.put(seq, n);
            }
        });
        return dups;
    }

    /** Whether exactly the values {@code 0 .. count-1} arrived from {@code sender} (each at least once). */
    synchronized boolean hasAllUpTo(String sender, long count) {
        Map<Long, Integer> seqs = bySender.getOrDefault(sender, Map.of());
        if (seqs.size() != count) {
            return false;
        }
        for (long i = 0; i < count; i++) {
            if (!seqs.containsKey(i)) {
                return false;
            }
        }
        return true;
    }

    /** Waits until {@code sender} has at least {@code count} distinct records; {@code false} on timeout. */
    synchronized boolean awaitAtLeast(String sender, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (distinct(sender) < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
