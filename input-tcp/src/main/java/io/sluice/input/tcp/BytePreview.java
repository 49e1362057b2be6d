package io.sluice.input.tcp;

/** A short, printable rendering of raw bytes for log lines: ASCII as is, anything else as {@code \xNN}. */
final class BytePreview {

    private BytePreview() {
    }

    /** At most {@code max} bytes of {@code data[off, off+len)}, escaped, with {@code ...} when cut. */
    static String of(byte[] data, int off, int len, int max) {
        int n = Math.min(len, max);
        StringBuilder sb = new StringBuilder(n + 8);
        for (int i = off; i < off + n; i++) {
            int b = data[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                sb.append((char) b);
            } else if (b == '\\') {
                sb.append("\\\\");
            } else if (b == '\n') {
                sb.append("\\n");
            } else if (b == '\r') {
                sb.append("\\r");
            } else if (b == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        if (len > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
