package io.sluice.filter.basic;

import io.sluice.support.accessor.MsgpackReader;
import io.sluice.support.event.EventBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Test records written as compact JSON with single quotes ({@code {'log':'a','n':1}}), keeping key order and
 * duplicate keys both ways: {@link #body} encodes such text as a msgpack map, {@link #render} writes msgpack back in
 * the same form.
 */
final class Json {

    private final String s;
    private int pos;
    private final EventBuffer out = new EventBuffer(256);

    private Json(String s) {
        this.s = s;
    }

    /** {@code json} as msgpack bytes. */
    static byte[] body(String json) {
        Json p = new Json(json);
        p.value();
        p.blanks();
        if (p.pos != json.length()) {
            throw new IllegalArgumentException("trailing text in " + json + " at " + p.pos);
        }
        return p.out.toByteArray();
    }

    private void blanks() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    private void value() {
        blanks();
        char c = s.charAt(pos);
        switch (c) {
            case '{' -> {
                pos++;
                int mark = out.beginMap();
                int n = 0;
                blanks();
                if (s.charAt(pos) == '}') {
                    pos++;
                } else {
                    while (true) {
                        value();
                        blanks();
                        expect(':');
                        value();
                        n++;
                        blanks();
                        if (s.charAt(pos) == ',') {
                            pos++;
                            continue;
                        }
                        expect('}');
                        break;
                    }
                }
                out.endMap(mark, n);
            }
            case '[' -> {
                pos++;
                int mark = out.beginArray();
                int n = 0;
                blanks();
                if (s.charAt(pos) == ']') {
                    pos++;
                } else {
                    while (true) {
                        value();
                        n++;
                        blanks();
                        if (s.charAt(pos) == ',') {
                            pos++;
                            continue;
                        }
                        expect(']');
                        break;
                    }
                }
                out.endArray(mark, n);
            }
            case '\'', '"' -> out.writeString(string(c));
            default -> {
                if (s.startsWith("true", pos)) {
                    out.writeBoolean(true);
                    pos += 4;
                } else if (s.startsWith("false", pos)) {
                    out.writeBoolean(false);
                    pos += 5;
                } else if (s.startsWith("null", pos)) {
                    out.writeNil();
                    pos += 4;
                } else {
                    int start = pos;
                    while (pos < s.length() && "-+.eE0123456789".indexOf(s.charAt(pos)) >= 0) {
                        pos++;
                    }
                    String num = s.substring(start, pos);
                    if (num.isEmpty()) {
                        throw new IllegalArgumentException("bad JSON at " + start + ": " + s);
                    }
                    if (num.contains(".") || num.contains("e") || num.contains("E")) {
                        out.writeDouble(Double.parseDouble(num));
                    } else {
                        out.writeLong(Long.parseLong(num));
                    }
                }
            }
        }
    }

    private String string(char quote) {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (s.charAt(pos) != quote) {
            char c = s.charAt(pos++);
            if (c == '\\') {
                c = s.charAt(pos++);
                c = switch (c) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> c;
                };
            }
            sb.append(c);
        }
        pos++;
        return sb.toString();
    }

    private void expect(char c) {
        if (s.charAt(pos) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + pos + " in " + s);
        }
        pos++;
    }

    /** The value at {@code r}'s position in the same single-quoted form. */
    static String render(MsgpackReader r) {
        StringBuilder sb = new StringBuilder();
        render(sb, r);
        return sb.toString();
    }

    private static void render(StringBuilder sb, MsgpackReader r) {
        switch (r.kind()) {
            case MsgpackReader.MAP -> {
                int n = r.readMapHeader();
                sb.append('{');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    render(sb, r);
                    sb.append(':');
                    render(sb, r);
                }
                sb.append('}');
            }
            case MsgpackReader.ARRAY -> {
                int n = r.readArrayHeader();
                sb.append('[');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    render(sb, r);
                }
                sb.append(']');
            }
            case MsgpackReader.STR -> {
                int len = r.readBytesHeader();
                sb.append('\'').append(new String(r.data(), r.position(), len, StandardCharsets.UTF_8)).append('\'');
                r.skip(len);
            }
            case MsgpackReader.BIN -> {
                int len = r.readBytesHeader();
                sb.append("bin(").append(len).append(')');
                r.skip(len);
            }
            case MsgpackReader.INT -> sb.append(r.readLong());
            case MsgpackReader.FLOAT -> sb.append(r.readDouble());
            case MsgpackReader.BOOL -> sb.append(r.readBoolean());
            case MsgpackReader.NIL -> {
                r.readNil();
                sb.append("null");
            }
            default -> {
                int len = r.readExtHeader();
                sb.append("ext(").append(r.extType()).append(')');
                r.skip(len);
            }
        }
    }
}
