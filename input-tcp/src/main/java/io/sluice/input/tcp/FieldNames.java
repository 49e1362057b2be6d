package io.sluice.input.tcp;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of recently seen field names. Jackson hands out one canonical String per distinct name, so a hit
 * is an identity comparison and the usual handful of repeated keys costs no encoding and no allocation.
 */
final class FieldNames {

    private static final int SLOTS = 256;

    private final String[] names = new String[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];

    /** The UTF-8 bytes of {@code name}. */
    byte[] utf8(String name) {
        int slot = name.hashCode() & (SLOTS - 1);
        if (names[slot] != name) {
            names[slot] = name;
            bytes[slot] = name.getBytes(StandardCharsets.UTF_8);
        }
        return bytes[slot];
    }
}
