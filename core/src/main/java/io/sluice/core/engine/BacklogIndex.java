package io.sluice.core.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backlog's file list, oldest first, in about 30 bytes per file: a week-long outage can leave hundreds of
 * thousands of small chunk files, and a list of {@link Path}s (some 200 bytes each) would not fit the heap sluice
 * runs in. A name sluice wrote ({@code <sec>.<nsec>-<pid>-<seq>.chunk}) is kept as its four numbers and rebuilt when
 * asked; any other name is kept as it is and sorts before them (a file of unknown age is read first).
 */
final class BacklogIndex {

    private static final Pattern NAME = Pattern.compile("(\\d{1,11})\\.(\\d{9})-(\\d{1,18})-(\\d{1,18})\\.chunk");
    /** Bits of the sort key that hold the position in the arrays: up to 16 M files. */
    private static final int INDEX_BITS = 24;
    private static final int MAX_FILES = 1 << INDEX_BITS;

    private final List<Path> streams = new ArrayList<>();
    private final List<Path> otherNames = new ArrayList<>();
    private long[] nanos = new long[1024];
    private long[] pids = new long[1024];
    private long[] seqs = new long[1024];
    private int[] streamOf = new int[1024];
    private int count;
    private int[] order = new int[0];
    private boolean full;

    /** Registers a stream folder; the number to give {@link #add} for its files. */
    int stream(Path folder) {
        streams.add(folder);
        return streams.size() - 1;
    }

    /** Adds a file of stream {@code stream}; false once the index holds as many files as it can order. */
    boolean add(int stream, String fileName) {
        if (count + otherNames.size() >= MAX_FILES) {
            full = true;
            return false;
        }
        Matcher m = NAME.matcher(fileName);
        if (m.matches() && sluiceName(m).equals(fileName)) {
            if (count == nanos.length) {
                int n = count * 2;
                nanos = Arrays.copyOf(nanos, n);
                pids = Arrays.copyOf(pids, n);
                seqs = Arrays.copyOf(seqs, n);
                streamOf = Arrays.copyOf(streamOf, n);
            }
            nanos[count] = Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2));
            pids[count] = Long.parseLong(m.group(3));
            seqs[count] = Long.parseLong(m.group(4));
            streamOf[count] = stream;
            count++;
        } else {
            otherNames.add(streams.get(stream).resolve(fileName));
        }
        return true;
    }

    /** Whether files were left out because the index was full. */
    boolean full() {
        return full;
    }

    /**
     * Orders the files by creation time, to the millisecond (files of one input created within the same millisecond
     * keep their sequence order); call once, after the last {@link #add}.
     */
    void sort() {
        long[] keys = new long[count];
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, nanos[i] / 1_000_000L);
        }
        for (int i = 0; i < count; i++) {
            long millis = nanos[i] / 1_000_000L - min;
            keys[i] = (Math.min(millis, (1L << (63 - INDEX_BITS)) - 1) << INDEX_BITS) | i;
        }
        Arrays.sort(keys);
        order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = (int) (keys[i] & (MAX_FILES - 1));
        }
        // within one millisecond, by stream and then by the sequence the run gave its chunks
        int start = 0;
        for (int i = 1; i <= count; i++) {
            if (i == count || keys[i] >>> INDEX_BITS != keys[start] >>> INDEX_BITS) {
                if (i - start > 1) {
                    sortRun(start, i);
                }
                start = i;
            }
        }
        trim();
    }

    private void sortRun(int from, int to) {
        Integer[] run = new Integer[to - from];
        for (int i = from; i < to; i++) {
            run[i - from] = order[i];
        }
        Arrays.sort(run, (a, b) -> nanos[a] != nanos[b] ? Long.compare(nanos[a], nanos[b])
                : streamOf[a] != streamOf[b] ? Integer.compare(streamOf[a], streamOf[b])
                : Long.compare(seqs[a], seqs[b]));
        for (int i = from; i < to; i++) {
            order[i] = run[i - from];
        }
    }

    private void trim() {
        nanos = Arrays.copyOf(nanos, count);
        pids = Arrays.copyOf(pids, count);
        seqs = Arrays.copyOf(seqs, count);
        streamOf = Arrays.copyOf(streamOf, count);
    }

    /** How many files the index holds. */
    int size() {
        return count + otherNames.size();
    }

    /** The {@code i}-th file, oldest first (after {@link #sort}). */
    Path file(int i) {
        if (i < otherNames.size()) {
            return otherNames.get(i);
        }
        int at = order[i - otherNames.size()];
        return streams.get(streamOf[at]).resolve(DiskStore.chunkName(nanos[at] / 1_000_000_000L,
                nanos[at] % 1_000_000_000L, pids[at], seqs[at]));
    }

    /** The name sluice would write for the numbers {@code m} matched: equal to the name only when it wrote it. */
    private static String sluiceName(Matcher m) {
        return DiskStore.chunkName(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)));
    }
}
