package io.sluice.support.format;

import io.sluice.support.ByteSink;

/**
 * The last timestamp a formatter wrote, kept as its bytes: the records of one input read share one timestamp, so
 * rendering it once per read instead of once per record saves the float and calendar arithmetic.
 */
final class RenderedDate {

    private final DateFormat format;
    private boolean valid;
    private long seconds;
    private int nanos;
    private byte[] bytes = new byte[32];
    private int length;

    RenderedDate(DateFormat format) {
        this.format = format;
    }

    /** Writes the timestamp as {@link DateText#write} would, from the saved bytes when it is the last one. */
    void write(ByteSink out, long seconds, int nanos) {
        // one test of both parts: the seconds alone change so seldom that the JIT would compile their change as a trap
        if (valid && ((seconds ^ this.seconds) | (nanos ^ this.nanos)) == 0) {
            out.write(bytes, 0, length);
            return;
        }
        int start = out.size();
        DateText.write(out, format, seconds, nanos);
        length = out.size() - start;
        if (length > bytes.length) {
            bytes = new byte[length];
        }
        System.arraycopy(out.array(), start, bytes, 0, length);
        this.seconds = seconds;
        this.nanos = nanos;
        valid = true;
    }
}
