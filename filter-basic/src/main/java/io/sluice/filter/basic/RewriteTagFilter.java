package io.sluice.filter.basic;

import io.sluice.api.EventBatch;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.api.PluginMetrics;
import io.sluice.support.accessor.MsgpackReader;
import io.sluice.support.accessor.RecordAccessor;
import io.sluice.support.accessor.TagTemplate;
import io.sluice.support.accessor.ValueMatcher;
import io.sluice.support.event.EventBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;

/**
 * One rewrite_tag instance. A batch is handled in two steps: first every record is checked against the rules (the
 * first whose key holds a string the regex matches wins) and its new tag rendered; only when the whole batch has
 * been read are the copies emitted, one {@link FilterSink#emit} per distinct new tag with the records' exact bytes.
 * Then the batch goes on without the originals whose copy was accepted and whose rule says not to keep them; a
 * refused copy (a cycle) leaves its original in place whatever KEEP says.
 */
final class RewriteTagFilter extends RecordFilter {

    private final RecordAccessor[] keys;
    private final ValueMatcher[] matchers;
    private final TagTemplate[] templates;
    private final boolean[] keeps;
    private final StringBuilder tagText = new StringBuilder();
    private final EventBuffer copies = new EventBuffer(16 * 1024);
    private final List<String> tags = new ArrayList<>();
    private final PluginMetrics.Counter refused;
    private final PluginMetrics.Counter arrays;

    // per event of the current batch
    private int count;
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private int[] tagIds = new int[256];
    private boolean[] keepOriginal = new boolean[256];
    private boolean anyMatch;

    RewriteTagFilter(FilterContext context, List<RewriteRule> rules) {
        super(context, true);
        int n = rules.size();
        keys = new RecordAccessor[n];
        matchers = new ValueMatcher[n];
        templates = new TagTemplate[n];
        keeps = new boolean[n];
        for (int i = 0; i < n; i++) {
            keys[i] = rules.get(i).key();
            matchers[i] = new ValueMatcher(rules.get(i).pattern());
            templates[i] = rules.get(i).template();
            keeps[i] = rules.get(i).keep();
        }
        watch(matchers);
        refused = context.metrics().counter("emit_refused_records",
                "matching records whose copy was refused (a cycle, or an empty new tag); kept under their tag");
        arrays = context.metrics().counter("tag_array_values",
                "record values in a new tag that were arrays and so rendered as nothing");
    }

    @Override
    void beginBatch(EventBatch batch) {
        count = 0;
        anyMatch = false;
        tags.clear();
    }

    @Override
    void process() {
        grow();
        int j = count++;
        starts[j] = ev.start;
        tagIds[j] = -1;
        if (ev.bodyIsMap()) {
            decide(j);
        } else {
            invalid.increment();
        }
        // after the rules: a top-level lookup has read the body to its end, so this costs no second walk
        ends[j] = ev.end();
    }

    /** Applies the rules to event {@code j}, a map: the first that matches gives its new tag. */
    private void decide(int j) {
        MsgpackReader r = ev.reader;
        for (int i = 0; i < keys.length; i++) {
            int at = find(keys[i]);
            if (at < 0) {
                continue;
            }
            r.position(at);
            if (r.kind() != MsgpackReader.STR) {
                continue;
            }
            int len = r.readBytesHeader();
            ValueMatcher vm = matchers[i];
            Matcher m = vm.isPlainText() && !vm.find(r.data(), r.position(), len) ? null
                    : vm.match(r.data(), r.position(), len);
            if (m == null) {
                continue;
            }
            tagText.setLength(0);
            int arrayValues = templates[i].render(tagText, tag, m, r, ev.body);
            if (arrayValues > 0) {
                arrays.add(arrayValues);
                problems.warn("tag-array", tag, "[ra key] cannot process key value: an array in the new tag of "
                        + "rule {} for a record tagged '{}' renders as nothing", i + 1, tag);
            }
            if (tagText.length() == 0) {
                refused.increment();
                problems.warn("empty-tag", tag, "rule {} made an empty tag for a record tagged '{}'; the record "
                        + "keeps its tag", i + 1, tag);
                return;
            }
            tagIds[j] = tagId();
            keepOriginal[j] = keeps[i];
            anyMatch = true;
            return;
        }
    }

    @Override
    FilterResult endBatch(FilterSink sink) {
        if (!anyMatch) {
            return FilterResult.UNCHANGED;
        }
        byte[] data = ev.data();
        boolean[] accepted = new boolean[tags.size()];
        for (int t = 0; t < tags.size(); t++) {
            copies.clear();
            int n = 0;
            for (int j = 0; j < count; j++) {
                if (tagIds[j] == t) {
                    copies.write(data, starts[j], ends[j] - starts[j]);
                    n++;
                }
            }
            accepted[t] = sink.emit(tags.get(t), copies.array(), 0, copies.size(), n);
            if (!accepted[t]) {
                refused.add(n);
            }
        }
        copies.clear();
        // the batch without the originals that left; group markers lie between the events and stay with them
        for (int j = 0; j < count; j++) {
            int t = tagIds[j];
            if (t >= 0 && accepted[t] && !keepOriginal[j]) {
                out.drop(starts[j], ends[j]);
            } else {
                out.keepRecord();
            }
        }
        return out.finish();
    }

    private int tagId() {
        for (int t = 0; t < tags.size(); t++) {
            if (tags.get(t).contentEquals(tagText)) {
                return t;
            }
        }
        tags.add(tagText.toString());
        return tags.size() - 1;
    }

    private void grow() {
        if (count == starts.length) {
            int cap = starts.length * 2;
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
            tagIds = Arrays.copyOf(tagIds, cap);
            keepOriginal = Arrays.copyOf(keepOriginal, cap);
        }
    }
}
