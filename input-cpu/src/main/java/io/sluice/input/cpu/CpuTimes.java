package io.sluice.input.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code cpu} lines of one {@code /proc/stat} reading: line 0 is the all-cores line, then one line per core
 * present, in the kernel's (ascending) order. Reused from reading to reading; grows only when more cores appear.
 */
final class CpuTimes {

    private static final byte[] CPU = "cpu".getBytes(StandardCharsets.US_ASCII);

    private int lines;
    private int[] core = new int[16];
    private long[] user = new long[16];
    private long[] nice = new long[16];
    private long[] system = new long[16];

    /** Parses the text under {@code cursor}; on failure the content is undefined and the exception says why. */
    void parse(ProcTextCursor cursor) throws IOException {
        lines = 0;
        if (!cursor.startsWith(CPU)) {
            throw new IOException("no 'cpu' line at the start");
        }
        cursor.skip(CPU.length);
        if (cursor.peek() != ' ') {
            throw new IOException("the first line is not the all-cores 'cpu' line");
        }
        add(-1, cursor);
        while (cursor.startsWith(CPU)) {
            cursor.skip(CPU.length);
            int c = cursor.peek();
            if (c < '0' || c > '9') {
                break;
            }
            long number = cursor.nextUnsigned();
            if (number > Integer.MAX_VALUE / 3) {
                throw new IOException("implausible core number " + number);
            }
            add((int) number, cursor);
        }
        if (lines == 1) {
            throw new IOException("no per-core 'cpuN' lines");
        }
    }

    private void add(int coreNumber, ProcTextCursor cursor) throws IOException {
        if (lines == core.length) {
            int n = lines * 2;
            core = Arrays.copyOf(core, n);
            user = Arrays.copyOf(user, n);
            nice = Arrays.copyOf(nice, n);
            system = Arrays.copyOf(system, n);
        }
        core[lines] = coreNumber;
        user[lines] = cursor.nextUnsigned();
        nice[lines] = cursor.nextUnsigned();
        system[lines] = cursor.nextUnsigned();
        lines++;
        cursor.nextLine();
    }

    /** How many cores are present (the per-core lines). */
    int cores() {
        return lines - 1;
    }

    /** Lines including the all-cores line at 0. */
    int lines() {
        return lines;
    }

    /** The core number of line {@code i}, -1 for the all-cores line. */
    int core(int i) {
        return core[i];
    }

    long user(int i) {
        return user[i];
    }

    long nice(int i) {
        return nice[i];
    }

    long system(int i) {
        return system[i];
    }

    /** The line of core {@code coreNumber} at or after line {@code from}, or -1; lines are in ascending core order. */
    int find(int coreNumber, int from) {
        for (int i = Math.max(from, 0); i < lines; i++) {
            if (core[i] == coreNumber) {
                return i;
            }
            if (core[i] > coreNumber) {
                return -1;
            }
        }
        return -1;
    }
}
