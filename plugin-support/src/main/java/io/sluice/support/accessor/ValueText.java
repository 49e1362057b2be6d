package io.sluice.support.accessor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Text forms of msgpack values, as Fluent Bit's record accessor renders them into tags and strings. */
public final class ValueText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
            case MsgpackReader.FLOAT -> sb.append(cFixed6(r.readDouble()));
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
     * (non-ASCII characters as {@code \}{@code uXXXX} escapes, floats as {@code %.16g} or {@code N.0}).
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
                double d = r.readDouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    sb.append(Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
                } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    sb.append(String.format(Locale.ROOT, "%.1f", d));
                } else {
                    sb.append(cG16(d));
                }
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

    /** C's {@code printf("%f", d)}. */
    static String cFixed6(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%f", d);
    }

    /** C's {@code printf("%.16g", d)} for a finite {@code d}. */
    static String cG16(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(16));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
            return m + (exponent < 0 ? "e-" : "e+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        BigDecimal plain = rounded.stripTrailingZeros();
        return plain.scale() <= 0 ? plain.toBigInteger().toString() : plain.toPlainString();
    }
}
