package io.sluice.filter.basic;

import io.sluice.api.EventBatch;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.support.event.EventBuffer;

/**
 * Builds a filter's replacement batch lazily: events kept as they are extend a run of the input's bytes, copied in
 * one piece only once some event is dropped or rewritten; until then nothing is copied, and a batch nobody changed
 * ends as {@link FilterResult#UNCHANGED}. Rewritten events are written into {@link #rewrite}'s buffer. In direct
 * mode (filters that only drop) runs go straight to the sink. One per filter instance; not thread-safe.
 */
final class BatchOutput {

    private EventBuffer out = new EventBuffer(64 * 1024);
    private final boolean direct;
    private FilterSink sink;
    private byte[] data;
    private int batchEnd;
    private int runStart;
    private int runRecords;
    private int records;
    private boolean replaced;

    /** {@code direct}: the filter never rewrites events, so kept runs can go straight to the sink. */
    BatchOutput(boolean direct) {
        this.direct = direct;
    }

    void begin(EventBatch batch, FilterSink target) {
        out.clear();
        sink = target;
        data = batch.data();
        batchEnd = batch.offset() + batch.length();
        runStart = batch.offset();
        runRecords = 0;
        records = 0;
        replaced = false;
    }

    /** The current event stays as it is. */
    void keep(EventWalker ev) {
        if (!ev.marker) {
            runRecords++;
        }
    }

    /** A record (not a marker) stays as it is, for filters that decide after walking the batch. */
    void keepRecord() {
        runRecords++;
    }

    /** The current event is dropped. */
    void drop(EventWalker ev) {
        drop(ev.start, ev.end());
    }

    /** The event in {@code [start, end)} is dropped. */
    void drop(int start, int end) {
        replaced = true;
        flushRun(start);
        runStart = end;
    }

    /**
     * The current event is replaced: its header (time and metadata) is copied, and the caller writes the new body
     * into the returned buffer, then calls {@link #endRewrite()}.
     */
    EventBuffer rewrite(EventWalker ev) {
        replaced = true;
        flushRun(ev.start);
        runStart = ev.end();
        out.write(data, ev.start, ev.body - ev.start);
        return out;
    }

    /** Counts the event just rewritten. */
    void endRewrite() {
        records++;
    }

    private void flushRun(int upTo) {
        if (upTo > runStart) {
            if (direct) {
                sink.write(data, runStart, upTo - runStart, runRecords);
            } else {
                out.write(data, runStart, upTo - runStart);
                records += runRecords;
            }
        }
        runRecords = 0;
    }

    /** Hands the replacement to the sink when something changed. */
    FilterResult finish() {
        if (!replaced) {
            return FilterResult.UNCHANGED;
        }
        flushRun(batchEnd);
        if (out.size() > 0) {
            sink.write(out.array(), 0, out.size(), records);
        }
        if (out.array().length > 8 << 20) {
            // do not keep a huge buffer for one odd batch
            out = new EventBuffer(64 * 1024);
        }
        return FilterResult.REPLACED;
    }
}
