package io.sluice.core.engine;

import io.sluice.api.EventBatch;
import io.sluice.api.FilterSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the filters, in configuration order, on each batch an input emits, before it reaches a chunk: every filter
 * whose Match fits the batch's tag sees the previous one's result; a filter that drops every event ends the chain.
 * Copies a filter emits under another tag enter the chain again from its start, carrying the set of filters they
 * came from: a filter is refused the re-emission of what it emitted itself (directly or through others), which is
 * how cycles end. Counts Fluent Bit's per-filter metrics, with {@code bytes} as the bytes leaving the filter and
 * {@code drop_bytes} against the filter's own input.
 *
 * <p>The chain itself is shared; the buffers a run needs live in a {@link Run}, one per emitting thread's lane.
 */
final class FilterChain {

    private static final Logger LOG = LoggerFactory.getLogger("engine");

    private final List<FilterLane> filters;

    FilterChain(List<FilterLane> filters) {
        this.filters = List.copyOf(filters);
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    /** Where a filtered batch goes: appended to a chunk of {@code tag}. */
    @FunctionalInterface
    interface Appender {
        void append(String tag, byte[] data, int offset, int length, int records);
    }

    /** The buffers of one emitting lane; not thread-safe. */
    final class Run {

        private final Buffer[] levels = new Buffer[filters.size() + 1];

        /** Filters one batch and hands what is left, and every copy emitted on the way, to {@code appender}. */
        void apply(String tag, byte[] data, int offset, int length, int records, Appender appender) {
            run(tag, data, offset, length, records, 0, 0L, appender);
        }

        private void run(String tag, byte[] data, int offset, int length, int records, int depth, long emittedBy,
                         Appender appender) {
            Buffer buffer = level(depth);
            byte[] curData = data;
            int curOffset = offset;
            int curLength = length;
            int curRecords = records;
            boolean useA = true;
            for (int i = 0; i < filters.size(); i++) {
                FilterLane f = filters.get(i);
                if (!f.matches(tag)) {
                    continue;
                }
                Segment out = useA ? buffer.a : buffer.b;
                out.clear();
                EventBatch batch = new EventBatch(tag, curData, curOffset, curLength, curRecords);
                int emitsBefore = buffer.emits.size();
                boolean replaced = f.apply(batch, new Sink(out, buffer, i, emittedBy, tag));
                InstanceMetrics m = f.metrics();
                m.engine("records").add(curRecords);
                m.engine("emit_records").add(buffer.emittedRecords(emitsBefore));
                if (!replaced) {
                    m.engine("bytes").add(curLength);
                    continue;
                }
                m.engine("bytes").add(out.size);
                if (out.records > curRecords) {
                    m.engine("add_records").add(out.records - curRecords);
                } else if (out.records < curRecords) {
                    m.engine("drop_records").add(curRecords - out.records);
                }
                if (out.size < curLength) {
                    m.engine("drop_bytes").add(curLength - out.size);
                }
                curData = out.data;
                curOffset = 0;
                curLength = out.size;
                curRecords = out.records;
                useA = !useA;
                if (curRecords == 0) {
                    break;
                }
            }
            if (curRecords > 0) {
                appender.append(tag, curData, curOffset, curLength, curRecords);
            }
            List<Emitted> emits = buffer.emits;
            for (int e = 0; e < emits.size(); e++) {
                Emitted copy = emits.get(e);
                run(copy.tag, copy.data, 0, copy.data.length, copy.records, depth + 1,
                        emittedBy | (1L << copy.filter), appender);
            }
            emits.clear();
        }

        private Buffer level(int depth) {
            if (depth >= levels.length) {
                // cannot happen: each level adds a distinct filter to emittedBy
                throw new IllegalStateException("filter re-emission deeper than the chain");
            }
            Buffer b = levels[depth];
            if (b == null) {
                b = new Buffer();
                levels[depth] = b;
            }
            return b;
        }
    }

    /** What one filter call may write: the replacement batch, or copies under another tag. */
    private final class Sink implements FilterSink {

        private final Segment out;
        private final Buffer buffer;
        private final int filter;
        private final long emittedBy;
        private final String tag;

        Sink(Segment out, Buffer buffer, int filter, long emittedBy, String tag) {
            this.out = out;
            this.buffer = buffer;
            this.filter = filter;
            this.emittedBy = emittedBy;
            this.tag = tag;
        }

        @Override
        public void write(byte[] data, int offset, int length, int records) {
            if (records < 0 || length < 0 || offset < 0 || offset > data.length - length) {
                throw new IllegalArgumentException("impossible write: " + records + " records in [" + offset + ", "
                        + offset + "+" + length + ") of " + data.length + " bytes");
            }
            out.append(data, offset, length, records);
        }

        @Override
        public boolean emit(String newTag, byte[] data, int offset, int length, int records) {
            if (newTag == null || records < 0 || length < 0 || offset < 0 || offset > data.length - length) {
                throw new IllegalArgumentException("impossible emit of " + records + " records");
            }
            if (filter >= 63 || (emittedBy & (1L << filter)) != 0) {
                LOG.warn("filter {}: emitter cycle detected: it matches the records it emits (tag={}); the emission "
                        + "is refused and they keep tag {}", filters.get(filter).name(), newTag, tag);
                return false;
            }
            buffer.emits.add(new Emitted(newTag, Arrays.copyOfRange(data, offset, offset + length), records,
                    filter));
            return true;
        }
    }

    private record Emitted(String tag, byte[] data, int records, int filter) {
    }

    /** Two alternating segments for replacements, and the copies emitted at one depth. */
    private static final class Buffer {
        final Segment a = new Segment();
        final Segment b = new Segment();
        final List<Emitted> emits = new ArrayList<>();

        long emittedRecords(int from) {
            long n = 0;
            for (int i = from; i < emits.size(); i++) {
                n += emits.get(i).records;
            }
            return n;
        }
    }

    /** A growable byte array with a record count. */
    private static final class Segment {
        byte[] data = new byte[8192];
        int size;
        int records;

        void clear() {
            size = 0;
            records = 0;
        }

        void append(byte[] src, int offset, int length, int count) {
            if (size + length > data.length) {
                data = Arrays.copyOf(data, Math.max(size + length, data.length * 2));
            }
            System.arraycopy(src, offset, data, size, length);
            size += length;
            records += count;
        }
    }
}
