package io.sluice.support.format;

import io.sluice.support.ByteSink;
import io.sluice.api.EventChunk;
import java.nio.charset.StandardCharsets;

/**
 * Writes a chunk in Fluent Bit's human-readable stdout form, one line per event:
 * {@code [0] tcp.0: [[1700000000.123456789, {}], {"key 1"=>123456789}]}, the counter restarting for every chunk;
 * strings are written raw, floats as {@code %f}, binary and ext bytes printable or as {@code \xNN}. Holds
 * reusable state: use one instance per thread.
 */
public final class HumanFormatter {

    private static final int MAX_DEPTH = 256;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final EventCursor events = new EventCursor();
    private String lastTag;
    private byte[] lastTagBytes;

    /** A formatter with nothing to configure. */
    public HumanFormatter() {
    }

    /**
     * Appends one line per event of {@code chunk} to {@code out}; on failure {@code out} is cut back to its size
     * before the call and the exception names the failing record.
     */
    public void format(EventChunk chunk, ByteSink out) throws FormatException {
        if (!chunk.tag().equals(lastTag)) {
            lastTag = chunk.tag();
            lastTagBytes = lastTag.getBytes(StandardCharsets.UTF_8);
        }
        int mark = out.size();
        try {
            events.reset(chunk);
            long counter = 0;
            MsgpackCursor in = events.in;
            while (events.next()) {
                int end = in.position();
                out.write('[');
                NumberText.writeLong(out, counter++);
                out.write(']');
                out.write(' ');
                out.write(lastTagBytes);
                out.writeAscii(": [[");
                NumberText.writeLong(out, events.seconds());
                out.write('.');
                NumberText.writePadded(out, events.nanos(), 9);
                out.writeAscii(", ");
                if (events.metadataPos() >= 0) {
                    in.position(events.metadataPos());
                    writeValue(in, out, 0);
                } else {
                    out.writeAscii("{}");
                }
                out.writeAscii("], ");
                in.position(events.bodyPos());
                writeValue(in, out, 0);
                out.writeAscii("]\n");
                in.position(end);
            }
        } catch (FormatException e) {
            out.truncate(mark);
            throw e;
        } catch (RuntimeException e) {
            out.truncate(mark);
            FormatException failure = new FormatException(events.index(), "cannot format: " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    private void writeValue(MsgpackCursor in, ByteSink out, int depth) throws FormatException {
        if (depth > MAX_DEPTH) {
            throw in.error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        switch (in.kind()) {
            case MsgpackCursor.NIL -> {
                in.skip(1);
                out.writeAscii("nil");
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
            case MsgpackCursor.FLOAT -> NumberText.writeFixed6(out, in.readDouble());
            case MsgpackCursor.STR -> {
                int len = in.readBytesHeader();
                out.write('"');
                out.write(in.data(), in.position(), len);
                out.write('"');
                in.skip(len);
            }
            case MsgpackCursor.BIN -> {
                int len = in.readBytesHeader();
                writePrintable(out, in.data(), in.position(), len);
                in.skip(len);
            }
            case MsgpackCursor.EXT -> {
                int len = in.readExtHeader();
                out.writeAscii("(ext: ");
                NumberText.writeLong(out, in.extType());
                out.write(')');
                writePrintable(out, in.data(), in.position(), len);
                in.skip(len);
            }
            case MsgpackCursor.ARRAY -> {
                int n = in.readArrayHeader();
                out.write('[');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.writeAscii(", ");
                    }
                    writeValue(in, out, depth + 1);
                }
                out.write(']');
            }
            default -> {
                int n = in.readMapHeader();
                out.write('{');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.writeAscii(", ");
                    }
                    writeValue(in, out, depth + 1);
                    out.writeAscii("=>");
                    writeValue(in, out, depth + 1);
                }
                out.write('}');
            }
        }
    }

    /** Binary bytes in quotes: printable ASCII as is, {@code "} escaped, anything else as {@code \xNN}. */
    private static void writePrintable(ByteSink out, byte[] b, int off, int len) {
        out.write('"');
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c == '"') {
                out.write('\\');
                out.write('"');
            } else if (c >= 0x20 && c < 0x7f) {
                out.write(c);
            } else {
                out.write('\\');
                out.write('x');
                out.write(HEX[c >>> 4]);
                out.write(HEX[c & 0xf]);
            }
        }
        out.write('"');
    }
}
