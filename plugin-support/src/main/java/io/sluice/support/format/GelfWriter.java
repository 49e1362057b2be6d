package io.sluice.support.format;

import io.sluice.support.ByteSink;
import java.nio.charset.StandardCharsets;

/**
 * Renders an event as a GELF 1.1 object the way Fluent Bit's http output does: the configured
 * special keys renamed, every other key prefixed with {@code _} and sanitised, nested maps flattened, arrays joined
 * into one string (items escaped, unlike Fluent Bit), nulls dropped, a {@code timestamp} appended when absent.
 */
final class GelfWriter {

    private static final int TIMESTAMP = 0;
    private static final int HOST = 1;
    private static final int SHORT_MESSAGE = 2;
    private static final int FULL_MESSAGE = 3;
    private static final int LEVEL = 4;
    private static final byte[][] GELF_NAMES = {ascii("timestamp"), ascii("host"), ascii("short_message"),
        ascii("full_message"), ascii("level")};
    private static final byte[][] SYSLOG_LEVELS = {ascii("emerg"), ascii("alert"), ascii("crit"), ascii("err"),
        ascii("warning"), ascii("notice"), ascii("info"), ascii("debug")};
    private static final byte[] VERSION = ascii("{\"version\":\"1.1\"");
    private static final byte[] ID = ascii("_id");

    private final byte[][] specialKeys;
    private final ByteSink key = new ByteSink(64);
    private final ByteSink text = new ByteSink(64);
    private final JsonWriter nested;

    GelfWriter(FormatOptions options) {
        specialKeys = new byte[][] {utf8(options.gelfTimestampKey()), utf8(options.gelfHostKey()),
            utf8(options.gelfShortMessageKey()), utf8(options.gelfFullMessageKey()), utf8(options.gelfLevelKey())};
        nested = new JsonWriter(options.withDateKey(null).withEscapeUnicode(true).withNanToNull(true));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the current event of {@code ev} as one GELF object, without the trailing newline. */
    void writeEvent(EventCursor ev, ByteSink out) throws FormatException {
        MsgpackCursor in = ev.in;
        int end = in.position();
        in.position(ev.bodyPos());
        if (in.kind() != MsgpackCursor.MAP) {
            throw in.error("missing short_message key (the body is not a map)");
        }
        out.write(VERSION);
        int n = in.readMapHeader();
        int seen = 0;
        for (int i = 0; i < n; i++) {
            int special = -1;
            key.clear();
            if (isString(in)) {
                int len = in.readBytesHeader();
                special = specialIndex(in.data(), in.position(), len);
                if (special < 0) {
                    key.write('_');
                    appendSanitized(in.data(), in.position(), len);
                }
                in.skip(len);
            } else {
                key.write('_');
                appendRenderedKey(in);
            }
            if (in.kind() == MsgpackCursor.NIL || (special >= 0 && (seen & (1 << special)) != 0)
                    || (special < 0 && isId())) {
                in.skipValue();
                continue;
            }
            if (special >= 0) {
                seen |= 1 << special;
                key.write(GELF_NAMES[special]);
                if (special == LEVEL) {
                    writeLevel(in, out);
                    continue;
                }
            }
            writeMember(in, out, 0);
        }
        if ((seen & (1 << SHORT_MESSAGE)) == 0) {
            throw in.error("missing short_message key");
        }
        if ((seen & (1 << TIMESTAMP)) == 0) {
            out.writeAscii(", \"timestamp\":");
            NumberText.writeLong(out, ev.seconds());
            out.write('.');
            NumberText.writePadded(out, ev.nanos() / 1_000_000, 3);
        }
        out.write('}');
        in.position(end);
    }

    private static boolean isString(MsgpackCursor in) throws FormatException {
        int kind = in.kind();
        return kind == MsgpackCursor.STR || kind == MsgpackCursor.BIN;
    }

    private boolean isId() {
        return key.size() == ID.length && java.util.Arrays.equals(key.array(), 0, ID.length, ID, 0, ID.length);
    }

    private int specialIndex(byte[] b, int off, int len) {
        for (int s = 0; s < specialKeys.length; s++) {
            byte[] k = specialKeys[s];
            if (k.length == len && java.util.Arrays.equals(b, off, off + len, k, 0, len)) {
                return s;
            }
        }
        return -1;
    }

    private void appendSanitized(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            key.write(keep ? c : '_');
        }
    }

    /** A key that is not a string (a number, say) is sanitised from its JSON text. */
    private void appendRenderedKey(MsgpackCursor in) throws FormatException {
        text.clear();
        nested.writeValue(in, text, 1);
        appendSanitized(text.array(), 0, text.size());
    }

    private void writeLevel(MsgpackCursor in, ByteSink out) throws FormatException {
        switch (in.kind()) {
            case MsgpackCursor.INT -> {
                writeKey(out);
                NumberText.writeLong(out, in.readLong());
            }
            case MsgpackCursor.STR, MsgpackCursor.BIN -> {
                int len = in.readBytesHeader();
                int level = syslogLevel(in.data(), in.position(), len);
                writeKey(out);
                if (level >= 0) {
                    NumberText.writeLong(out, level);
                } else {
                    JsonStrings.writeQuoted(out, in.data(), in.position(), len, true);
                }
                in.skip(len);
            }
            default -> throw in.error("level must be an integer or a string");
        }
    }

    /** {@code "0"}..{@code "7"} or a syslog severity name in any case, or -1. */
    private static int syslogLevel(byte[] b, int off, int len) {
        if (len == 1 && b[off] >= '0' && b[off] <= '7') {
            return b[off] - '0';
        }
        for (int level = 0; level < SYSLOG_LEVELS.length; level++) {
            byte[] name = SYSLOG_LEVELS[level];
            if (name.length == len && equalsIgnoreAsciiCase(b, off, name)) {
                return level;
            }
        }
        return -1;
    }

    private static boolean equalsIgnoreAsciiCase(byte[] b, int off, byte[] lowerName) {
        for (int i = 0; i < lowerName.length; i++) {
            int c = b[off + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private void writeKey(ByteSink out) {
        out.write(',');
        out.write(' ');
        JsonStrings.writeQuoted(out, key.array(), 0, key.size(), true);
        out.write(':');
    }

    /** Writes the value at the cursor under the key being built, flattening maps; nulls and NaN write nothing. */
    private void writeMember(MsgpackCursor in, ByteSink out, int depth) throws FormatException {
        if (depth > 64) {
            throw in.error("nesting deeper than 64 levels");
        }
        switch (in.kind()) {
            case MsgpackCursor.NIL -> in.skip(1);
            case MsgpackCursor.MAP -> {
                int n = in.readMapHeader();
                int keyLength = key.size();
                for (int i = 0; i < n; i++) {
                    key.write('_');
                    if (isString(in)) {
                        int len = in.readBytesHeader();
                        appendSanitized(in.data(), in.position(), len);
                        in.skip(len);
                    } else {
                        appendRenderedKey(in);
                    }
                    writeMember(in, out, depth + 1);
                    key.truncate(keyLength);
                }
            }
            case MsgpackCursor.FLOAT -> {
                double v = in.readDouble();
                if (Double.isFinite(v)) {
                    writeKey(out);
                    NumberText.writeFixed6(out, v);
                }
            }
            case MsgpackCursor.BOOL -> {
                writeKey(out);
                out.writeAscii(in.readBoolean() ? "\"true\"" : "\"false\"");
            }
            case MsgpackCursor.ARRAY -> {
                writeKey(out);
                int n = in.readArrayHeader();
                out.write('"');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.write(',');
                        out.write(' ');
                    }
                    writeArrayItem(in, out);
                }
                out.write('"');
            }
            default -> {
                writeKey(out);
                nested.writeValue(in, out, 1);
            }
        }
    }

    /** An item of the joined array string: scalars as text, strings and nested containers escaped. */
    private void writeArrayItem(MsgpackCursor in, ByteSink out) throws FormatException {
        switch (in.kind()) {
            case MsgpackCursor.STR, MsgpackCursor.BIN -> {
                int len = in.readBytesHeader();
                JsonStrings.writeEscaped(out, in.data(), in.position(), len, true);
                in.skip(len);
            }
            case MsgpackCursor.FLOAT -> NumberText.writeFixed6(out, in.readDouble());
            default -> {
                text.clear();
                nested.writeValue(in, text, 1);
                JsonStrings.writeEscaped(out, text.array(), 0, text.size(), true);
            }
        }
    }
}
