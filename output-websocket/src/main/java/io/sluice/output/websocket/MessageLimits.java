package io.sluice.output.websocket;

/**
 * How large a message may be, for every worker of one output: {@code max_message_size} when set, and what the server
 * taught by closing with 1009 (message too big). Each such close halves the size of the messages it refused, down to
 * a floor; a single record the server refused as a message of its own (sent alone, everything before it confirmed)
 * marks the size from which records are left out. The floor keeps a server that closes every connection with 1009,
 * whatever it is sent, from making sluice drop ordinary records.
 */
final class MessageLimits {

    /** Learned limits never go below this, and a record this small is never left out for a 1009. */
    static final int FLOOR = 1024;
    /** The smallest {@code max_message_size} accepted: room for a small record. */
    static final int MIN_CONFIGURED = 64;
    /** The largest {@code max_message_size} accepted (1G); a message is framed in one array. */
    static final int MAX_CONFIGURED = 1_000_000_000;

    private final int configured;
    private int learned;
    private int refusedAlone = Integer.MAX_VALUE;
    private boolean refusalSeen;

    /** Limits starting from {@code max_message_size} ({@code configured} bytes, 0 when not set). */
    MessageLimits(int configured) {
        this.configured = configured;
    }

    /** The largest message to build, in bytes; 0 for no limit. */
    synchronized int limit() {
        return smallest(configured, learned);
    }

    /** The largest single-record message that may be sent at all; 0 for no limit. Larger records are left out. */
    synchronized int hard() {
        return smallest(configured, refusedAlone == Integer.MAX_VALUE ? 0 : refusedAlone - 1);
    }

    /** The configured {@code max_message_size} in bytes, 0 when not set. */
    int configured() {
        return configured;
    }

    /**
     * The server closed with 1009 while messages of up to {@code size} bytes were unconfirmed: messages are halved.
     * Whether this lowered the limit (false once it is at the floor).
     */
    synchronized boolean refused(int size) {
        int current = smallest(configured, learned);
        int base = current == 0 ? size : Math.min(current, size);
        int next = Math.max(floor(), base / 2);
        if (current != 0 && next >= current) {
            return false;
        }
        learned = next;
        return true;
    }

    /**
     * The server closed with 1009 on a message of one record, {@code size} bytes, sent alone: records of that size
     * and more are left out from now on. Whether this is news (false for a record within the floor, which is never
     * blamed).
     */
    synchronized boolean refusedAlone(int size) {
        if (size <= FLOOR || size >= refusedAlone) {
            return false;
        }
        refusedAlone = size;
        if (learned == 0 || learned >= size) {
            learned = Math.max(floor(), size / 2);
        }
        return true;
    }

    /** True the first time it is called: the first 1009 of the output, which is worth a warning. */
    synchronized boolean firstRefusal() {
        boolean first = !refusalSeen;
        refusalSeen = true;
        return first;
    }

    private int floor() {
        return configured > 0 ? Math.min(FLOOR, configured) : FLOOR;
    }

    private static int smallest(int a, int b) {
        if (a == 0) {
            return b;
        }
        return b == 0 ? a : Math.min(a, b);
    }
}
