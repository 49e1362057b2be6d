package io.sluice.filter.basic;

import io.sluice.api.FilterContext;
import io.sluice.support.accessor.MsgpackReader;
import io.sluice.support.accessor.ValueMatcher;
import io.sluice.support.event.EventBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * One modify instance. Per record: the conditions are checked against the record as it came; if all hold, the
 * rules run in order on an index of the record's top-level entries ({@link Entries}), and the record is written
 * anew only when a rule changed it. Records no rule touched go on as their original bytes.
 */
final class ModifyFilter extends RecordFilter {

    private final ModifyRules.Condition[] conditions;
    private final ValueMatcher[] conditionKeyMatchers;
    private final ValueMatcher[] conditionValueMatchers;
    private final ModifyRules.Rule[] rules;
    private final ValueMatcher[] ruleMatchers;
    private final Entries entries = new Entries();
    private final boolean[] sameKey;
    private boolean[] selected = new boolean[32];

    ModifyFilter(FilterContext context, ModifyRules config) {
        super(context, false);
        List<ModifyRules.Condition> c = config.conditions();
        conditions = c.toArray(new ModifyRules.Condition[0]);
        conditionKeyMatchers = new ValueMatcher[c.size()];
        conditionValueMatchers = new ValueMatcher[c.size()];
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i).keyRegex() != null) {
                conditionKeyMatchers[i] = new ValueMatcher(c.get(i).keyRegex());
            }
            if (c.get(i).valueRegex() != null) {
                conditionValueMatchers[i] = new ValueMatcher(c.get(i).valueRegex());
            }
        }
        rules = config.rules().toArray(new ModifyRules.Rule[0]);
        sameKey = new boolean[rules.length];
        for (int i = 0; i < rules.length; i++) {
            sameKey[i] = rules[i].sameKey();
        }
        ruleMatchers = new ValueMatcher[rules.length];
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].regex() != null) {
                ruleMatchers[i] = new ValueMatcher(rules[i].regex());
            }
        }
        watch(conditionKeyMatchers);
        watch(conditionValueMatchers);
        watch(ruleMatchers);
    }

    @Override
    void process() {
        if (!ev.bodyIsMap()) {
            passNotAMap();
            return;
        }
        load(entries);
        for (int i = 0; i < conditions.length; i++) {
            if (!holds(i)) {
                out.keep(ev);
                return;
            }
        }
        boolean changed = false;
        for (int i = 0; i < rules.length; i++) {
            changed |= apply(i);
        }
        if (!changed) {
            out.keep(ev);
            return;
        }
        EventBuffer b = out.rewrite(ev);
        entries.writeMap(b);
        out.endRewrite();
    }

    // ---- conditions, on the record as it came ----

    private boolean holds(int c) {
        ModifyRules.Condition cond = conditions[c];
        MsgpackReader r = ev.reader;
        return switch (cond.test()) {
            case KEY_EXISTS -> cond.accessor().find(r, ev.body) >= 0;
            case KEY_DOES_NOT_EXIST -> cond.accessor().find(r, ev.body) < 0;
            case A_KEY_MATCHES -> anyKeyMatches(conditionKeyMatchers[c]);
            case NO_KEY_MATCHES -> !anyKeyMatches(conditionKeyMatchers[c]);
            case KEY_VALUE_EQUALS -> valueEquals(cond) == 1;
            case KEY_VALUE_DOES_NOT_EQUAL -> valueEquals(cond) == 0;
            case KEY_VALUE_MATCHES -> valueMatches(cond, conditionValueMatchers[c]) == 1;
            case KEY_VALUE_DOES_NOT_MATCH -> valueMatches(cond, conditionValueMatchers[c]) == 0;
            case MATCHING_KEYS_HAVE_MATCHING_VALUES -> matchingKeysHaveMatchingValues(c);
            case MATCHING_KEYS_DO_NOT_HAVE_MATCHING_VALUES -> !matchingKeysHaveMatchingValues(c);
        };
    }

    private boolean anyKeyMatches(ValueMatcher m) {
        for (int i = 0; i < entries.size(); i++) {
            if (keyMatches(entries, i, m)) {
                return true;
            }
        }
        return false;
    }

    /** 1 when the key's value is a string equal to V, 0 when the key exists otherwise, -1 when it is missing. */
    private int valueEquals(ModifyRules.Condition cond) {
        MsgpackReader r = ev.reader;
        int at = cond.accessor().find(r, ev.body);
        if (at < 0) {
            return -1;
        }
        r.position(at);
        int kind = r.kind();
        if (kind != MsgpackReader.STR && kind != MsgpackReader.BIN) {
            return 0;
        }
        int len = r.readBytesHeader();
        byte[] v = cond.value().raw;
        int p = r.position();
        return len == v.length && Arrays.equals(r.data(), p, p + len, v, 0, len) ? 1 : 0;
    }

    /** Whether entry {@code i}'s key is a string that {@code m} matches. */
    private static boolean keyMatches(Entries e, int i, ValueMatcher m) {
        return e.hasStringKey(i) && m.find(e.keyArray(i), e.keyPayload(i), e.keyEnd(i) - e.keyPayload(i));
    }

    /** 1 when the key's value (a string, or a boolean as true/false) matches, 0 when not, -1 when missing. */
    private int valueMatches(ModifyRules.Condition cond, ValueMatcher m) {
        MsgpackReader r = ev.reader;
        int at = cond.accessor().find(r, ev.body);
        if (at < 0) {
            return -1;
        }
        r.position(at);
        return valueAtMatches(r, m) ? 1 : 0;
    }

    private static boolean valueAtMatches(MsgpackReader r, ValueMatcher m) {
        int kind = r.kind();
        if (kind == MsgpackReader.STR) {
            int len = r.readBytesHeader();
            return m.find(r.data(), r.position(), len);
        }
        if (kind == MsgpackReader.BOOL) {
            return m.find(r.readBoolean() ? "true" : "false");
        }
        return false;
    }

    private boolean matchingKeysHaveMatchingValues(int c) {
        ValueMatcher keys = conditionKeyMatchers[c];
        ValueMatcher values = conditionValueMatchers[c];
        MsgpackReader r = ev.reader;
        for (int i = 0; i < entries.size(); i++) {
            if (keyMatches(entries, i, keys)) {
                r.position(entries.valueStart(i));
                if (!valueAtMatches(r, values)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- rules, each on the previous one's result ----

    private boolean apply(int index) {
        ModifyRules.Rule rule = rules[index];
        Entries e = entries;
        byte[] k = rule.key().raw;
        switch (rule.op()) {
            case SET -> {
                removeAll(k);
                e.add(rule.key(), rule.value());
                return true;
            }
            case ADD -> {
                if (e.indexOf(k) >= 0) {
                    return false;
                }
                e.add(rule.key(), rule.value());
                return true;
            }
            case REMOVE -> {
                return removeAll(k);
            }
            case REMOVE_WILDCARD -> {
                boolean any = false;
                for (int i = e.size() - 1; i >= 0; i--) {
                    if (e.keyStartsWith(i, k)) {
                        e.remove(i);
                        any = true;
                    }
                }
                return any;
            }
            case REMOVE_REGEX -> {
                ValueMatcher m = ruleMatchers[index];
                boolean any = false;
                for (int i = e.size() - 1; i >= 0; i--) {
                    if (keyMatches(e, i, m)) {
                        e.remove(i);
                        any = true;
                    }
                }
                return any;
            }
            case RENAME -> {
                if (sameKey[index]) {
                    return false;
                }
                byte[] n = rule.value().raw;
                boolean found = false;
                for (int i = 0; i < e.size(); i++) {
                    if (e.keyIs(i, k)) {
                        found = true;
                    } else if (e.keyIs(i, n)) {
                        return false;
                    }
                }
                if (!found) {
                    return false;
                }
                renameAll(k, rule.value());
                return true;
            }
            case HARD_RENAME -> {
                byte[] n = rule.value().raw;
                if (sameKey[index] || e.indexOf(k) < 0) {
                    return false;
                }
                removeAll(n);
                renameAll(k, rule.value());
                return true;
            }
            case COPY -> {
                byte[] n = rule.value().raw;
                if (sameKey[index] || e.count(k) != 1 || e.indexOf(n) >= 0) {
                    return false;
                }
                int at = e.indexOf(k);
                e.insertCopy(at + 1, rule.value(), at);
                return true;
            }
            case HARD_COPY -> {
                return !sameKey[index] && hardCopy(rule);
            }
            case MOVE_TO_START, MOVE_TO_END -> {
                int n = e.size();
                if (selected.length < n) {
                    selected = new boolean[Math.max(n, selected.length * 2)];
                }
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    selected[i] = e.keyStartsWith(i, k);
                    any |= selected[i];
                }
                if (any) {
                    e.partition(selected, rule.op() == ModifyRules.Op.MOVE_TO_START);
                }
                return any;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean hardCopy(ModifyRules.Rule rule) {
        Entries e = entries;
        byte[] k = rule.key().raw;
        byte[] n = rule.value().raw;
        int keys = e.count(k);
        if (keys == 0) {
            return false;
        }
        if (keys > 1) {
            problems.warn("hard-copy", tag, "Rule {}: multiple keys matching {} found in a record tagged '{}', not "
                    + "applying rule", rule.text(), rule.key(), tag);
            return false;
        }
        int targets = e.count(n);
        if (targets > 1) {
            problems.warn("hard-copy", tag, "Rule {}: multiple target keys matching {} found in a record tagged "
                    + "'{}', not applying rule", rule.text(), rule.value(), tag);
            return false;
        }
        if (targets == 1) {
            e.remove(e.indexOf(n));
        }
        int at = e.indexOf(k);
        e.insertCopy(at + 1, rule.value(), at);
        return true;
    }

    private boolean removeAll(byte[] key) {
        boolean any = false;
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.keyIs(i, key)) {
                entries.remove(i);
                any = true;
            }
        }
        return any;
    }

    private void renameAll(byte[] key, Str to) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.keyIs(i, key)) {
                entries.renameKey(i, to);
            }
        }
    }
}
