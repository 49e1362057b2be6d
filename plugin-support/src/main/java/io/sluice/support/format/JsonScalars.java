package io.sluice.support.format;

import io.sluice.support.ByteSink;

/** Writes one msgpack value that is not a container as JSON, the way both JSON writers do. */
final class JsonScalars {

    private JsonScalars() {
    }

    /** Writes the value of {@code kind} (not a map or array) at the cursor and moves past it. */
    static void write(MsgpackCursor in, ByteSink out, int kind, FormatOptions options) throws FormatException {
        switch (kind) {
            case MsgpackCursor.NIL -> {
                in.skip(1);
                out.writeAscii("null");
            }
            case MsgpackCursor.BOOL -> out.writeAscii(in.readBoolean() ? "true" : "false");
            case MsgpackCursor.INT -> {
                long v = in.readLong();
                if (in.wasUnsigned64()) {
                    NumberText.writeUnsigned(out, v);
                } else {
                    NumberText.writeLong(out, v);
                }
            }
            case MsgpackCursor.FLOAT -> NumberText.writeJsonDouble(out, in.readDouble(), options.nanToNull());
            case MsgpackCursor.STR, MsgpackCursor.BIN -> {
                int len = in.readBytesHeader();
                int at = in.position();
                JsonStrings.writeQuoted(out, in.data(), at, len, options.escapeUnicode());
                in.position(at + len);
            }
            default -> {
                int len = in.readExtHeader();
                out.write('"');
                JsonStrings.writeHexEscapes(out, in.data(), in.position(), len);
                out.write('"');
                in.skip(len);
            }
        }
    }
}
