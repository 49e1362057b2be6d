package io.sluice.input.cpu;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The record's keys as UTF-8 bytes, made once: {@code cpu_p, user_p, system_p} and, per core number K,
 * {@code cpuK.p_cpu, cpuK.p_user, cpuK.p_system}. A core's keys are made the first time that core is seen.
 */
final class CpuKeys {

    /** The whole-system (or whole-process) keys, in record order. */
    static final byte[][] TOTAL = {ascii("cpu_p"), ascii("user_p"), ascii("system_p")};

    private byte[][][] perCore = new byte[0][][];

    /** The three keys of core {@code coreNumber}, in record order. */
    byte[][] core(int coreNumber) {
        if (coreNumber >= perCore.length) {
            perCore = Arrays.copyOf(perCore, Math.max(coreNumber + 1, perCore.length * 2));
        }
        byte[][] keys = perCore[coreNumber];
        if (keys == null) {
            String prefix = "cpu" + coreNumber;
            keys = new byte[][] {ascii(prefix + ".p_cpu"), ascii(prefix + ".p_user"), ascii(prefix + ".p_system")};
            perCore[coreNumber] = keys;
        }
        return keys;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
