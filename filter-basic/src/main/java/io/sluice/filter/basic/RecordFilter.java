package io.sluice.filter.basic;

import io.sluice.api.EventBatch;
import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.api.PluginMetrics;
import io.sluice.api.RateLimitedLog;
import io.sluice.support.accessor.MalformedMsgpackException;
import io.sluice.support.accessor.MsgpackReader;
import io.sluice.support.accessor.RecordAccessor;
import io.sluice.support.accessor.ValueMatcher;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the six filters share: walking a batch's events in place, building the replacement lazily, passing group
 * markers on, and handling bad input without throwing: a body that is not a map passes on as it is (or as the
 * filter's semantics say) and is counted in {@code invalid_records}; a batch whose bytes are not valid events passes
 * on unchanged, counted and logged (rate-limited).
 */
abstract class RecordFilter implements Filter {

    /** The current batch's events. */
    protected final EventWalker ev = new EventWalker();
    /** The replacement being built. */
    protected final BatchOutput out;
    /** Records that were not well-formed events with a map body. */
    protected final PluginMetrics.Counter invalid;
    /** For problems caused by the records. */
    protected final RateLimitedLog problems;
    /** The current batch's tag. */
    protected String tag;
    private final FilterContext context;
    private ValueMatcher[] watched = new ValueMatcher[0];
    private PluginMetrics.Counter regexFailures;
    private long overflowsSeen;

    RecordFilter(FilterContext context, boolean dropOnly) {
        this.out = new BatchOutput(dropOnly);
        this.invalid = context.metrics().counter("invalid_records",
                "records whose body is not a map or whose bytes are not a valid event; passed on as they came");
        this.problems = context.rateLimitedLog();
        this.context = context;
    }

    /**
     * Regex searches of these matchers that overflow the stack are counted in {@code regex_failures} and logged; the
     * text each searched last is let go after every batch.
     */
    protected void watch(ValueMatcher... matchers) {
        ValueMatcher[] add = Arrays.stream(matchers).filter(Objects::nonNull).toArray(ValueMatcher[]::new);
        if (add.length == 0) {
            return;
        }
        watched = Arrays.copyOf(watched, watched.length + add.length);
        System.arraycopy(add, 0, watched, watched.length - add.length, add.length);
        if (regexFailures == null) {
            regexFailures = context.metrics().counter("regex_failures",
                    "regex searches that overflowed the stack on a long value; taken as no match");
        }
    }

    /** After each batch: counts the searches that overflowed, and lets go of the texts (views of the batch). */
    private void checkOverflows() {
        if (watched.length == 0) {
            return;
        }
        long total = 0;
        for (ValueMatcher m : watched) {
            total += m.overflows();
            m.forgetText();
        }
        if (total > overflowsSeen) {
            regexFailures.add(total - overflowsSeen);
            problems.warn("regex-overflow", tag, "{} regex searches on records tagged '{}' overflowed the stack "
                    + "(a pattern that recurses over a long value) and were taken as no match", total - overflowsSeen,
                    tag);
            overflowsSeen = total;
        }
    }

    @Override
    public FilterResult filter(EventBatch batch, FilterSink sink) {
        tag = batch.tag();
        ev.reset(batch);
        out.begin(batch, sink);
        try {
            beginBatch(batch);
            while (ev.next()) {
                if (ev.marker) {
                    out.keep(ev);
                } else {
                    process();
                }
            }
        } catch (MalformedMsgpackException e) {
            invalid.increment();
            problems.error("malformed", batch.tag(), "a batch of {} records tagged '{}' holds bytes that are not "
                    + "valid events (near byte {}); it passes on unchanged", batch.records(), batch.tag(),
                    ev.start - batch.offset());
            return FilterResult.UNCHANGED;
        } finally {
            checkOverflows();
        }
        return endBatch(sink);
    }

    /** Called before the first event of each batch. */
    void beginBatch(EventBatch batch) {
    }

    /** Decides the current event ({@link #ev}): {@code out.keep}, {@code out.drop} or {@code out.rewrite}. */
    abstract void process();

    /** Ends the batch: by default hands the replacement over, if any. */
    FilterResult endBatch(FilterSink sink) {
        return out.finish();
    }

    /**
     * Where {@code key}'s value starts in the current body, or -1. A top-level lookup reads the whole body map (the
     * last of duplicate keys wins), so it also tells where the event ends.
     */
    protected int find(RecordAccessor key) {
        MsgpackReader r = ev.reader;
        int at = key.find(r, ev.body);
        if (key.isTopLevel() && r.position() > ev.body) {
            ev.endAt(r.position());
        }
        return at;
    }

    /** Loads the current body's top-level entries; false when it is not a map. */
    protected boolean load(Entries entries) {
        if (!entries.load(ev.reader, ev.body)) {
            return false;
        }
        ev.endAt(ev.reader.position());
        return true;
    }

    /** Passes the current event on as it came, counted as invalid: its body is not a map. */
    protected void passNotAMap() {
        invalid.increment();
        problems.warn("not-a-map", tag, "a record tagged '{}' has a body that is not a map; it passes on unchanged",
                tag);
        out.keep(ev);
    }
}
