package io.sluice.output.websocket;

import io.sluice.api.EventChunk;
import io.sluice.support.ByteSink;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatException;
import io.sluice.support.format.FormatOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a chunk into the messages of one flush attempt: one message per chunk, or one per record; under a message
 * size limit a chunk becomes several messages, each cut at record boundaries and each valid on its own (a JSON array
 * per message for {@code json}, whole lines for {@code json_lines}, whole events for msgpack). JSON formats go out as
 * text frames, msgpack as binary frames. One per worker: it reuses its buffers and is not thread-safe, and the
 * messages it returns are valid until its next call.
 */
final class PayloadEncoder {

    private final EventFormatter formatter;
    /** Walks a chunk's events without formatting them, to find where a record starts. */
    private final EventFormatter events = new EventFormatter(FormatOptions.of(Format.MSGPACK));
    private final Format format;
    private final boolean text;
    private final boolean perRecord;
    private final ByteSink buffer = new ByteSink(64 * 1024);
    private final ByteSink scratch = new ByteSink(1024);

    PayloadEncoder(FormatOptions options, boolean perRecord) {
        this.formatter = new EventFormatter(options);
        this.format = options.format();
        this.text = format.isText();
        this.perRecord = perRecord;
    }

    /**
     * The messages for the records of {@code chunk} from index {@code from} on. msgpack sends the chunk's own bytes
     * (never a modified copy); every record is formatted before anything is sent, so a record that cannot be
     * formatted fails the flush without sending part of it.
     *
     * @param limit the largest message in bytes, 0 for none: records are grouped into messages up to it, and a record
     *              larger than it alone goes out on its own as a {@link Message#probe() probe}
     * @param hard  the largest message the server takes for sure, 0 for none: a record larger than that as a message
     *              of its own is left out ({@link Batch#oversized()})
     */
    Batch encode(EventChunk chunk, int from, int limit, int hard) throws FormatException {
        EventChunk rest = from == 0 ? chunk : rest(chunk, from);
        if (limit == 0 && hard == 0) {
            return unlimited(chunk, rest, from);
        }
        Grouping grouping = new Grouping(chunk, from, limit, hard);
        if (text) {
            buffer.clear();
            formatter.formatRecords(rest, scratch, grouping::addText);
        } else {
            formatter.formatRecords(rest, scratch, grouping::addEvent);
        }
        return grouping.finish();
    }

    private Batch unlimited(EventChunk chunk, EventChunk rest, int from) throws FormatException {
        int end = chunk.records();
        if (!perRecord) {
            if (!text) {
                return single(new Message(false, rest.data(), rest.offset(), rest.length(), from, end, false), end);
            }
            buffer.clear();
            formatter.format(rest, buffer);
            return single(new Message(true, buffer.array(), 0, buffer.size(), from, end, false), end);
        }
        if (!text) {
            List<Message> messages = new ArrayList<>(rest.records());
            int[] index = {from};
            formatter.formatRecords(rest, scratch, (array, offset, length) -> {
                messages.add(new Message(false, array, offset, length, index[0], index[0] + 1, false));
                index[0]++;
            });
            return new Batch(messages, List.of(), index[0]);
        }
        buffer.clear();
        List<int[]> slices = new ArrayList<>(rest.records());
        formatter.formatRecords(rest, scratch, (array, offset, length) -> {
            slices.add(new int[] {buffer.size(), length});
            buffer.write(array, offset, length);
        });
        List<Message> messages = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
            int[] slice = slices.get(i);
            messages.add(new Message(true, buffer.array(), slice[0], slice[1], from + i, from + i + 1, false));
        }
        return new Batch(messages, List.of(), from + slices.size());
    }

    private static Batch single(Message message, int records) {
        return new Batch(List.of(message), List.of(), records);
    }

    /** The chunk's events from record {@code from} on, found without formatting the ones before. */
    private EventChunk rest(EventChunk chunk, int from) throws FormatException {
        int[] seen = {0};
        int[] start = {-1};
        events.formatRecords(chunk, scratch, (array, offset, length) -> {
            if (seen[0]++ == from) {
                start[0] = offset;
            }
        });
        int end = chunk.offset() + chunk.length();
        int at = start[0] < 0 ? end : start[0];
        return new EventChunk(chunk.id(), chunk.tag(), chunk.data(), at, end - at,
                Math.max(0, chunk.records() - from));
    }

    /**
     * Cuts records into messages: in chunk mode as many records per message as fit the limit, in record mode one per
     * message. A record too big for a message of its own is left out or sent alone, as {@link #encode} says.
     */
    private final class Grouping {

        private final EventChunk chunk;
        private final int limit;
        private final int hard;
        /** {@code json}: a message is an array, {@code [a,b]}; the other formats simply join records. */
        private final boolean array = format == Format.JSON;
        private final List<Message> messages = new ArrayList<>();
        /** Text messages as {offset, length, first, end, probe} until the buffer stops growing. */
        private final List<int[]> slices = new ArrayList<>();
        private final List<Batch.Oversized> oversized = new ArrayList<>();
        private int index;
        private int groupStart;
        private int groupSize;
        private int groupFirst;
        private int groupCount;

        Grouping(EventChunk chunk, int from, int limit, int hard) {
            this.chunk = chunk;
            this.index = from;
            this.limit = limit;
            this.hard = hard;
        }

        /** A text record as {@link EventFormatter#formatRecords} writes it ({@code [object]} for json). */
        void addText(byte[] data, int offset, int length) {
            if (!fits(length)) {
                return;
            }
            if (perRecord || limit > 0 && length > limit) {
                endGroup();
                slices.add(new int[] {buffer.size(), length, index, index + 1, probe(length)});
                buffer.write(data, offset, length);
                index++;
                return;
            }
            int bodyOffset = array ? offset + 1 : offset;
            int bodyLength = array ? length - 2 : length;
            int separator = array ? 1 : 0;
            if (groupCount > 0 && limit > 0 && groupSize + separator + bodyLength > limit) {
                endGroup();
            }
            if (groupCount == 0) {
                groupStart = buffer.size();
                groupFirst = index;
                groupSize = array ? 2 : 0;
                if (array) {
                    buffer.write('[');
                }
            } else if (array) {
                buffer.write(',');
                groupSize++;
            }
            buffer.write(data, bodyOffset, bodyLength);
            groupSize += bodyLength;
            groupCount++;
            index++;
        }

        /** A msgpack event: {@code chunk.data()[offset, offset+length)}. */
        void addEvent(byte[] data, int offset, int length) {
            if (!fits(length)) {
                return;
            }
            if (perRecord || limit > 0 && length > limit) {
                endGroup();
                messages.add(new Message(false, data, offset, length, index, index + 1, probe(length) == 1));
                index++;
                return;
            }
            // events are contiguous in the chunk (whatever lies between two of them, such as a group marker, goes
            // along with them)
            int end = offset + length;
            if (groupCount > 0 && limit > 0 && end - groupStart > limit) {
                endGroup();
            }
            if (groupCount == 0) {
                groupStart = offset;
                groupFirst = index;
            }
            groupSize = end - groupStart;
            groupCount++;
            index++;
        }

        /** Whether a record of {@code size} bytes as its own message may be sent; if not it is left out. */
        private boolean fits(int size) {
            if (hard > 0 && size > hard) {
                endGroup();
                oversized.add(new Batch.Oversized(index, size));
                index++;
                return false;
            }
            return true;
        }

        private int probe(int size) {
            return limit > 0 && size > limit ? 1 : 0;
        }

        private void endGroup() {
            if (groupCount == 0) {
                return;
            }
            if (text) {
                if (array) {
                    buffer.write(']');
                }
                slices.add(new int[] {groupStart, buffer.size() - groupStart, groupFirst, index, 0});
            } else {
                messages.add(new Message(false, chunk.data(), groupStart, groupSize, groupFirst, index, false));
            }
            groupCount = 0;
        }

        Batch finish() {
            endGroup();
            if (text) {
                // the buffer may have grown while writing: the messages refer to its final array
                for (int[] s : slices) {
                    messages.add(new Message(true, buffer.array(), s[0], s[1], s[2], s[3], s[4] == 1));
                }
            }
            return new Batch(messages, oversized, index);
        }
    }
}
