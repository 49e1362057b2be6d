package io.sluice.filter.basic;

import io.sluice.api.FilterContext;
import io.sluice.api.PluginMetrics;
import io.sluice.support.accessor.MsgpackReader;
import io.sluice.support.event.EventBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One nest instance. nest: the keys matching a Wildcard leave the top level, in order, for a new map appended at the
 * end (an existing key of that name is kept: a duplicate, as in Fluent Bit). lift: every top-level key named
 * Nested_under whose value is a map is replaced by that map's entries, written after the other keys. The prefix
 * option renames the keys moved. Records with nothing to move go on as their original bytes.
 */
final class NestFilter extends RecordFilter {

    private final boolean nest;
    private final Str key;
    private final byte[][] wildcards;
    private final boolean[] wildcardPrefix;
    private final byte[] prefix;
    private final boolean addPrefix;
    private final Entries entries = new Entries();
    private final PluginMetrics.Counter notMaps;
    private boolean[] moved = new boolean[32];

    NestFilter(FilterContext context, boolean nest, Str key, List<String> wildcards, Str prefix, boolean addPrefix) {
        super(context, false);
        this.nest = nest;
        this.key = key;
        this.wildcards = new byte[wildcards.size()][];
        this.wildcardPrefix = new boolean[wildcards.size()];
        for (int i = 0; i < wildcards.size(); i++) {
            String w = wildcards.get(i);
            wildcardPrefix[i] = w.endsWith("*");
            this.wildcards[i] = (wildcardPrefix[i] ? w.substring(0, w.length() - 1) : w)
                    .getBytes(StandardCharsets.UTF_8);
        }
        this.prefix = prefix == null ? null : prefix.raw;
        this.addPrefix = addPrefix;
        this.notMaps = context.metrics().counter("lift_not_a_map",
                "values under Nested_under that were not maps and so were not lifted");
    }

    @Override
    void process() {
        if (!ev.bodyIsMap()) {
            passNotAMap();
            return;
        }
        load(entries);
        int n = entries.size();
        if (moved.length < n) {
            moved = new boolean[Math.max(n, moved.length * 2)];
        }
        if (nest) {
            nest(n);
        } else {
            lift(n);
        }
    }

    private void nest(int n) {
        Entries e = entries;
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean m = false;
            for (int w = 0; w < wildcards.length && !m; w++) {
                m = wildcardPrefix[w] ? e.keyStartsWith(i, wildcards[w]) : e.keyIs(i, wildcards[w]);
            }
            moved[i] = m;
            if (m) {
                count++;
            }
        }
        if (count == 0) {
            out.keep(ev);
            return;
        }
        EventBuffer b = out.rewrite(ev);
        b.writeMapHeader(n - count + 1);
        for (int i = 0; i < n; i++) {
            if (!moved[i]) {
                e.writeEntry(b, i);
            }
        }
        b.write(key.encoded);
        b.writeMapHeader(count);
        for (int i = 0; i < n; i++) {
            if (moved[i]) {
                writeKey(b, e.keyArray(i), e.keyPayload(i), e.keyEnd(i));
                e.writeValue(b, i);
            }
        }
        out.endRewrite();
    }

    private void lift(int n) {
        Entries e = entries;
        MsgpackReader r = ev.reader;
        int lifted = 0;
        int inner = 0;
        for (int i = 0; i < n; i++) {
            moved[i] = false;
            if (e.keyIs(i, key.raw)) {
                r.position(e.valueStart(i));
                if (r.kind() == MsgpackReader.MAP) {
                    moved[i] = true;
                    lifted++;
                    inner += r.readMapHeader();
                } else {
                    notMaps.increment();
                    problems.warn("not-a-map", tag, "Value of key '{}' is not a map. Will not attempt to lift from "
                            + "here (tag '{}')", key, tag);
                }
            }
        }
        if (lifted == 0) {
            out.keep(ev);
            return;
        }
        EventBuffer b = out.rewrite(ev);
        b.writeMapHeader(n - lifted + inner);
        for (int i = 0; i < n; i++) {
            if (!moved[i]) {
                e.writeEntry(b, i);
            }
        }
        byte[] data = r.data();
        for (int i = 0; i < n; i++) {
            if (!moved[i]) {
                continue;
            }
            r.position(e.valueStart(i));
            int pairs = r.readMapHeader();
            for (int p = 0; p < pairs; p++) {
                int kind = r.kind();
                if (kind == MsgpackReader.STR || kind == MsgpackReader.BIN) {
                    int len = r.readBytesHeader();
                    int pay = r.position();
                    r.skip(len);
                    writeKey(b, data, pay, pay + len);
                } else {
                    int ks = r.position();
                    r.skipValue();
                    b.write(data, ks, r.position() - ks);
                }
                int vs = r.position();
                r.skipValue();
                b.write(data, vs, r.position() - vs);
            }
        }
        out.endRewrite();
    }

    /** Writes a moved key (payload {@code src[pay, end)}) with the prefix added or removed. */
    private void writeKey(EventBuffer b, byte[] src, int pay, int end) {
        int len = end - pay;
        if (prefix == null) {
            b.writeString(src, pay, len);
        } else if (addPrefix) {
            b.writeStringHeader(prefix.length + len);
            b.write(prefix);
            b.write(src, pay, len);
        } else if (len >= prefix.length && java.util.Arrays.equals(src, pay, pay + prefix.length, prefix, 0,
                prefix.length)) {
            b.writeString(src, pay + prefix.length, len - prefix.length);
        } else {
            b.writeString(src, pay, len);
        }
    }
}
