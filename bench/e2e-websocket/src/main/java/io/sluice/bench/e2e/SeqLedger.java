package io.sluice.bench.e2e;

/**
 * Which sequence numbers arrived, exactly: a bitmap of {@code expected} seqs, counting first arrivals, duplicates
 * and numbers outside the range. Scanners hand over one message's seqs at a time, so the lock is taken once per
 * message, not per record.
 */
final class SeqLedger {

    private final int expected;
    private final long[] seen;
    private long distinct;
    private long duplicates;
    private long outOfRange;
    private long messages;
    private volatile long lastArrivalNanos;
    private volatile long completedNanos;

    SeqLedger(int expected) {
        this.expected = expected;
        this.seen = new long[(expected + 63) / 64];
    }

    /** Records the first {@code count} seqs of {@code seqs}, all from one message. */
    synchronized void accept(int[] seqs, int count) {
        for (int i = 0; i < count; i++) {
            int seq = seqs[i];
            if (seq < 0 || seq >= expected) {
                outOfRange++;
                notifyAll();
                continue;
            }
            long bit = 1L << (seq & 63);
            int word = seq >>> 6;
            if ((seen[word] & bit) != 0) {
                duplicates++;
            } else {
                seen[word] |= bit;
                distinct++;
            }
        }
        messages++;
        long now = System.nanoTime();
        lastArrivalNanos = now;
        if (distinct == expected && completedNanos == 0) {
            completedNanos = now;
            notifyAll();
        }
    }

    /**
     * Waits until every seq arrived, the deadline passes, or nothing new arrived for {@code stallNanos} after
     * {@code since}; true when complete.
     */
    synchronized boolean awaitComplete(long deadlineNanos, long stallNanos, long since) throws InterruptedException {
        while (completedNanos == 0) {
            long now = System.nanoTime();
            long lastProgress = Math.max(since, lastArrivalNanos);
            if (now >= deadlineNanos || now - lastProgress >= stallNanos) {
                return false;
            }
            wait(Math.max(1, Math.min(200, (deadlineNanos - now) / 1_000_000)));
        }
        return true;
    }

    /** Waits until at least {@code count} seqs outside the range arrived (warm-up records); true if they did. */
    synchronized boolean awaitOutOfRange(long count, long deadlineNanos) throws InterruptedException {
        while (outOfRange < count) {
            long now = System.nanoTime();
            if (now >= deadlineNanos) {
                return false;
            }
            wait(Math.max(1, Math.min(200, (deadlineNanos - now) / 1_000_000)));
        }
        return true;
    }

    synchronized long distinct() {
        return distinct;
    }

    synchronized long lost() {
        return expected - distinct;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long outOfRange() {
        return outOfRange;
    }

    synchronized long messages() {
        return messages;
    }

    /** When the last seq completing the set arrived, or else when the latest message arrived (0 if none). */
    long lastRecordNanos() {
        long done = completedNanos;
        return done != 0 ? done : lastArrivalNanos;
    }
}
