package io.sluice.filter.basic;

import io.sluice.api.FilterContext;
import io.sluice.support.accessor.MsgpackReader;
import io.sluice.support.accessor.RecordAccessor;
import io.sluice.support.accessor.ValueMatcher;
import java.util.List;

/**
 * One grep instance. Reads each record in place: for every rule it walks the record to the rule's key and searches
 * the string value's bytes ({@link ValueMatcher}: plain text as bytes, other patterns on the value decoded into a
 * reused buffer), so a record costs no objects. Kept records go on as
 * their original bytes; nothing dropped means the batch goes on unchanged.
 */
final class GrepFilter extends RecordFilter {

    private final GrepRules.Mode mode;
    private final RecordAccessor[] keys;
    private final ValueMatcher[] matchers;
    private final boolean[] excludes;

    GrepFilter(FilterContext context, GrepRules rules) {
        super(context, true);
        this.mode = rules.mode();
        List<GrepRules.Rule> list = rules.rules();
        keys = new RecordAccessor[list.size()];
        matchers = new ValueMatcher[list.size()];
        excludes = new boolean[list.size()];
        for (int i = 0; i < list.size(); i++) {
            keys[i] = list.get(i).key();
            matchers[i] = new ValueMatcher(list.get(i).pattern());
            excludes[i] = list.get(i).exclude();
        }
        watch(matchers);
    }

    @Override
    void process() {
        if (!ev.bodyIsMap()) {
            // no keys: the rules decide as for a record without them
            invalid.increment();
        }
        if (keep()) {
            out.keep(ev);
        } else {
            out.drop(ev);
        }
    }

    private boolean keep() {
        int n = keys.length;
        switch (mode) {
            case LEGACY -> {
                for (int i = 0; i < n; i++) {
                    boolean m = matches(i);
                    if (!excludes[i]) {
                        return m;
                    }
                    if (m) {
                        return false;
                    }
                }
                return true;
            }
            case AND -> {
                if (n == 0) {
                    return true;
                }
                for (int i = 0; i < n; i++) {
                    if (!matches(i)) {
                        // Regex: one failed, not kept; Exclude: not all matched, kept
                        return excludes[i];
                    }
                }
                return !excludes[0];
            }
            default -> {
                if (n == 0) {
                    return true;
                }
                for (int i = 0; i < n; i++) {
                    if (matches(i)) {
                        return !excludes[i];
                    }
                }
                return excludes[0];
            }
        }
    }

    /** Whether rule {@code i}'s key holds a string its regex finds a match in. */
    private boolean matches(int i) {
        int at = find(keys[i]);
        if (at < 0) {
            return false;
        }
        MsgpackReader r = ev.reader;
        r.position(at);
        if (r.kind() != MsgpackReader.STR) {
            return false;
        }
        int len = r.readBytesHeader();
        return matchers[i].find(r.data(), r.position(), len);
    }
}
