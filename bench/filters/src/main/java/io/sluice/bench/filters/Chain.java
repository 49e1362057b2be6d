package io.sluice.bench.filters;

import io.sluice.api.EventBatch;
import io.sluice.api.Filter;
import io.sluice.api.FilterPlugin;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.api.PluginException;
import io.sluice.filter.basic.GrepPlugin;
import io.sluice.filter.basic.ModifyPlugin;
import io.sluice.filter.basic.RecordModifierPlugin;
import io.sluice.support.event.EventBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Filters run on batches as core's filter chain runs them: each filter sees the previous one's result, a replaced
 * batch is copied into one of two alternating segments (what core's sink does with what a filter writes).
 */
final class Chain {

    /** Records per batch: about one 64 KB tcp read. */
    static final int BATCH = 400;
    /** Batches per benchmark operation. */
    static final int BATCHES = 34;
    /** Records per benchmark operation. */
    static final int RECORDS = BATCH * BATCHES;

    private static final String MSG = "x".repeat(90) + "0123456789";

    private final List<Filter> filters;
    private final Segment a = new Segment();
    private final Segment b = new Segment();
    private EventBatch last;

    Chain(List<Filter> filters) {
        this.filters = filters;
    }

    /** grep (one key) → modify (one Set, one Rename) → record_modifier (one Record), as in the benchmark. */
    static Chain standard() {
        return new Chain(List.of(grep(), modify(), recordModifier()));
    }

    static Filter grep() {
        return create(new GrepPlugin(), "grep.0", "regex", "msg " + System.getProperty("grep.regex", "0123"));
    }

    static Filter modify() {
        return create(new ModifyPlugin(), "modify.1", rules("modify.rules", "set=source bench;rename=seq sequence"));
    }

    static Filter recordModifier() {
        return create(new RecordModifierPlugin(), "record_modifier.2",
                rules("record_modifier.rules", "record=hostname host-1"));
    }

    /** Key-value pairs from the system property {@code name} ({@code key=value;key=value}), else {@code standard}. */
    private static String[] rules(String name, String standard) {
        String[] pairs = System.getProperty(name, standard).split(";");
        String[] out = new String[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            out[2 * i] = pairs[i].substring(0, eq);
            out[2 * i + 1] = pairs[i].substring(eq + 1);
        }
        return out;
    }

    private static Filter create(FilterPlugin plugin, String name, String... keyValues) {
        BenchContext context = new BenchContext(name, keyValues);
        try {
            plugin.validate(context.config());
            Filter f = plugin.create(context);
            f.start();
            return f;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #BATCHES} batches of {@link #BATCH} tcp-like records. */
    static EventBatch[] batches() {
        EventBatch[] out = new EventBatch[BATCHES];
        int seq = 0;
        for (int n = 0; n < BATCHES; n++) {
            EventBuffer buf = new EventBuffer(BATCH * 200);
            for (int i = 0; i < BATCH; i++) {
                buf.beginEvent(1_700_000_000L + n, 1_000_123);
                buf.writeMapHeader(4);
                buf.writeString("key 1");
                buf.writeLong(123456789);
                buf.writeString("key 2");
                buf.writeString("abcdefg");
                buf.writeString("seq");
                buf.writeLong(seq++);
                buf.writeString("msg");
                buf.writeString(MSG);
                buf.endEvent();
            }
            out[n] = new EventBatch("tcp.0", buf.toByteArray(), 0, buf.size(), buf.events());
        }
        return out;
    }

    /** Runs the chain on one batch; returns the records that come out. */
    int run(EventBatch batch) {
        EventBatch current = batch;
        boolean useA = true;
        for (Filter f : filters) {
            Segment out = useA ? a : b;
            out.clear();
            FilterResult result = f.filter(current, out);
            if (result == FilterResult.REPLACED) {
                current = new EventBatch(current.tag(), out.data, 0, out.size, out.records);
                useA = !useA;
                if (out.records == 0) {
                    break;
                }
            }
        }
        last = current;
        return current.records();
    }

    /** The last output, for checks. */
    static byte[] output(Chain chain, EventBatch batch) {
        chain.run(batch);
        return Arrays.copyOfRange(chain.last.data(), chain.last.offset(), chain.last.offset() + chain.last.length());
    }

    /** A growable byte array with a record count, as core's. */
    static final class Segment implements FilterSink {
        byte[] data = new byte[8192];
        int size;
        int records;

        void clear() {
            size = 0;
            records = 0;
        }

        @Override
        public void write(byte[] src, int offset, int length, int count) {
            if (size + length > data.length) {
                data = Arrays.copyOf(data, Math.max(size + length, data.length * 2));
            }
            System.arraycopy(src, offset, data, size, length);
            size += length;
            records += count;
        }

        @Override
        public boolean emit(String tag, byte[] src, int offset, int length, int count) {
            return false;
        }
    }
}
