package io.sluice.support.format;

import io.sluice.support.ByteSink;
import io.sluice.api.EventChunk;
import java.util.Objects;

/**
 * Turns a chunk's msgpack events into an output payload in one pass, writing straight into a {@link ByteSink}
 * without creating objects per record or field. Holds reusable state: use one instance per thread.
 *
 * <p>Whole-chunk payloads ({@link #format}): {@code msgpack} = the chunk's bytes as they are; {@code json} = one array
 * ({@code []} for no records); {@code json_stream} = the objects back to back; {@code json_lines} and {@code gelf} =
 * each object followed by {@code \n}. Per-record payloads ({@link #formatRecords}) are exactly what {@link #format}
 * writes for a chunk holding only that record: the event's own bytes for msgpack, {@code [object]} for json, the
 * object for json_stream, the object and its {@code \n} for json_lines and gelf.
 */
public final class EventFormatter {

    private final FormatOptions options;
    private final EventCursor events = new EventCursor();
    private final JsonWriter json;
    private final GelfWriter gelf;
    /** Whether {@link JsonWriter} reads each body (json formats), so the events' bodies need not be walked first. */
    private final boolean writerReadsBody;

    /** A formatter for {@code options}. */
    public EventFormatter(FormatOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.json = options.format() == Format.GELF ? null : new JsonWriter(options);
        this.gelf = options.format() == Format.GELF ? new GelfWriter(options) : null;
        this.writerReadsBody = options.format() != Format.GELF && options.format() != Format.MSGPACK;
    }

    /** The options this formatter was made with. */
    public FormatOptions options() {
        return options;
    }

    /**
     * Appends the payload for the whole {@code chunk} to {@code out}. On failure {@code out} is cut back to its size
     * before the call and the exception names the failing record.
     */
    public void format(EventChunk chunk, ByteSink out) throws FormatException {
        Format format = options.format();
        if (format == Format.MSGPACK) {
            out.write(chunk.data(), chunk.offset(), chunk.length());
            return;
        }
        int mark = out.size();
        try {
            events.reset(chunk);
            if (format == Format.JSON) {
                out.write('[');
            }
            boolean first = true;
            while (writerReadsBody ? events.nextHeader() : events.next()) {
                if (format == Format.JSON && !first) {
                    out.write(',');
                }
                writeRecord(out);
                first = false;
            }
            if (format == Format.JSON) {
                out.write(']');
            }
        } catch (FormatException e) {
            out.truncate(mark);
            throw e;
        } catch (RuntimeException e) {
            out.truncate(mark);
            throw unexpected(e);
        }
    }

    /**
     * Formats each record of {@code chunk} as its own payload (see the class comment) and hands it to
     * {@code consumer}, in order; {@code scratch} is cleared and reused for every record. Returns how many
     * payloads were handed over. A record that cannot be formatted stops the walk with a {@link FormatException}
     * after the payloads of the records before it were delivered.
     */
    public <E extends Exception> int formatRecords(EventChunk chunk, ByteSink scratch, RecordConsumer<E> consumer)
            throws FormatException, E {
        int delivered = 0;
        events.reset(chunk);
        while (nextEvent()) {
            if (options.format() == Format.MSGPACK) {
                consumer.accept(chunk.data(), events.start(), events.end() - events.start());
            } else {
                scratch.clear();
                try {
                    if (options.format() == Format.JSON) {
                        scratch.write('[');
                        writeRecord(scratch);
                        scratch.write(']');
                    } else {
                        writeRecord(scratch);
                    }
                } catch (RuntimeException e) {
                    throw unexpected(e);
                }
                consumer.accept(scratch.array(), 0, scratch.size());
            }
            delivered++;
        }
        return delivered;
    }

    private boolean nextEvent() throws FormatException {
        try {
            return writerReadsBody ? events.nextHeader() : events.next();
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    private void writeRecord(ByteSink out) throws FormatException {
        if (gelf != null) {
            gelf.writeEvent(events, out);
            out.write('\n');
            return;
        }
        json.writeEvent(events, out);
        if (options.format() == Format.JSON_LINES) {
            out.write('\n');
        }
    }

    /** Bounds checks make this unreachable for any input; it keeps the "no runtime exception escapes" promise. */
    private FormatException unexpected(RuntimeException e) {
        FormatException failure = new FormatException(events.index(), "cannot format: " + e);
        failure.initCause(e);
        return failure;
    }
}
