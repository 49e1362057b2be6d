package io.sluice.support.accessor;

import io.sluice.support.ByteSink;
import io.sluice.support.format.NumberText;
import java.nio.charset.StandardCharsets;

/** Text forms of msgpack values, as Fluent Bit's record accessor renders them into tags and strings. */
public final class ValueText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Each thread's scratch for a number's text, written by {@link NumberText} and then appended as ASCII. */
    private static final ThreadLocal<ByteSink> NUMBER = ThreadLocal.withInitial(() -> new ByteSink(32));

    private ValueText() {
    }

    /**
     * Appends the value at {@code r}'s position as template text: a string as it is, an integer in decimal, a float
     * as C's {@code %f} ({@code 1.500000}), {@code true}/{@code false}, nil as {@code null}, a map as compact JSON,
     * binary data as lowercase hex; an ext value adds nothing. Returns false, adding nothing, for an array, which
     * Fluent Bit cannot render. Leaves the reader after the value.
     *
     * @throws MalformedMsgpackException when the bytes are not valid msgpack
     */
    public static boolean appendTemplateText(StringBuilder sb, MsgpackReader r) {
        switch (r.kind()) {
            case MsgpackReader.STR -> {
                int len = r.readBytesHeader();
                sb.append(new String(r.data(), r.position(), len, StandardCharsets.UTF_8));
                r.skip(len);
            }
            case MsgpackReader.BIN -> {
                int len = r.readBytesHeader();
                byte[] d = r.data();
                int p = r.position();
                for (int i = 0; i < len; i++) {
                    sb.append(HEX[(d[p + i] >> 4) & 0xf]).append(HEX[d[p + i] & 0xf]);
                }
                r.skip(len);
            }
            case MsgpackReader.INT -> appendInteger(sb, r);
            case MsgpackReader.FLOAT -> {
                ByteSink out = number();
                NumberText.writeFixed6(out, r.readDouble());
                appendAscii(sb, out);
            }
            case MsgpackReader.BOOL -> sb.append(r.readBoolean());
            case MsgpackReader.NIL -> {
                r.readNil();
                sb.append("null");
            }
            case MsgpackReader.MAP -> appendJson(sb, r);
            case MsgpackReader.ARRAY -> {
                r.skipValue();
                return false;
            }
            default -> r.skipValue();
        }
        return true;
    }

    /**
     * Appends the value at {@code r}'s position as compact JSON, as Fluent Bit's msgpack-to-JSON conversion writes it
     * (non-ASCII characters as {@code \}{@code uXXXX} escapes; floats as the JSON formatter writes them, {@code N.0}
     * when integral within the int64 range, else {@code %.16g}, and {@code nan}, {@code inf}, {@code -inf}).
     *
     * @throws MalformedMsgpackException when the bytes are not valid msgpack
     */
    public static void appendJson(StringBuilder sb, MsgpackReader r) {
        switch (r.kind()) {
            case MsgpackReader.STR, MsgpackReader.BIN -> {
                int len = r.readBytesHeader();
                appendJsonString(sb, new String(r.data(), r.position(), len, StandardCharsets.UTF_8));
                r.skip(len);
            }
            case MsgpackReader.INT -> appendInteger(sb, r);
            case MsgpackReader.FLOAT -> {
                ByteSink out = number();
                NumberText.writeJsonDouble(out, r.readDouble(), false);
                appendAscii(sb, out);
            }
            case MsgpackReader.BOOL -> sb.append(r.readBoolean());
            case MsgpackReader.NIL -> {
                r.readNil();
                sb.append("null");
            }
            case MsgpackReader.ARRAY -> {
                int n = r.readArrayHeader();
                sb.append('[');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    appendJson(sb, r);
                }
                sb.append(']');
            }
            case MsgpackReader.MAP -> {
                int n = r.readMapHeader();
                sb.append('{');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    int kind = r.kind();
                    if (kind == MsgpackReader.STR || kind == MsgpackReader.BIN) {
                        appendJson(sb, r);
                    } else {
                        StringBuilder key = new StringBuilder();
                        appendJson(key, r);
                        appendJsonString(sb, key.toString());
                    }
                    sb.append(':');
                    appendJson(sb, r);
                }
                sb.append('}');
            }
            default -> {
                r.skipValue();
                sb.append("\"\"");
            }
        }
    }

    private static void appendInteger(StringBuilder sb, MsgpackReader r) {
        long v = r.readLong();
        if (r.wasUnsigned64()) {
            sb.append(Long.toUnsignedString(v));
        } else {
            sb.append(v);
        }
    }

    private static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static ByteSink number() {
        ByteSink out = NUMBER.get();
        out.clear();
        return out;
    }

    private static void appendAscii(StringBuilder sb, ByteSink ascii) {
        byte[] b = ascii.array();
        for (int i = 0, n = ascii.size(); i < n; i++) {
            sb.append((char) b[i]);
        }
    }
}
