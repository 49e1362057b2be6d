package io.sluice.filter.basic;

import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import io.sluice.api.config.Setting;
import io.sluice.support.accessor.RecordAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * modify's conditions and rules, read from the settings in configuration order.
 *
 * @param conditions every Condition, all of which must hold
 * @param rules      every other key, in order
 */
record ModifyRules(List<Condition> conditions, List<Rule> rules) {

    enum Op {
        SET(2), ADD(2), REMOVE(1), REMOVE_WILDCARD(1), REMOVE_REGEX(1), RENAME(2), HARD_RENAME(2), COPY(2),
        HARD_COPY(2), MOVE_TO_START(1), MOVE_TO_END(1);

        final int args;

        Op(int args) {
            this.args = args;
        }
    }

    enum Test {
        KEY_EXISTS(1), KEY_DOES_NOT_EXIST(1), A_KEY_MATCHES(1), NO_KEY_MATCHES(1), KEY_VALUE_EQUALS(2),
        KEY_VALUE_DOES_NOT_EQUAL(2), KEY_VALUE_MATCHES(2), KEY_VALUE_DOES_NOT_MATCH(2),
        MATCHING_KEYS_HAVE_MATCHING_VALUES(2), MATCHING_KEYS_DO_NOT_HAVE_MATCHING_VALUES(2);

        final int args;

        Test(int args) {
            this.args = args;
        }
    }

    /**
     * One rule.
     *
     * @param op    what it does
     * @param key   its first argument (a key or a prefix)
     * @param value its second argument, or null
     * @param regex Remove_regex's pattern, or null
     * @param text  the rule as written
     */
    record Rule(Op op, Str key, Str value, Pattern regex, String text) {

        /** Whether both arguments name the same key (rename, copy and their hard forms then change nothing). */
        boolean sameKey() {
            return value != null && key.text.equals(value.text);
        }
    }

    /**
     * One condition.
     *
     * @param test     what it checks
     * @param accessor its key (conditions on a key), or null
     * @param keyRegex the regex its first argument is (key-matching conditions), or null
     * @param value    Key_value_equals' value, or null
     * @param valueRegex the regex its second argument is, or null
     * @param text     the condition as written
     */
    record Condition(Test test, RecordAccessor accessor, Pattern keyRegex, Str value, Pattern valueRegex,
                     String text) {
    }

    static ModifyRules read(PluginConfig config) throws InvalidConfigException {
        List<Condition> conditions = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (Setting s : config.settings()) {
            Property<String> property = property(s.key());
            List<String> words;
            try {
                words = Tokens.quoted(s.value(), 3);
            } catch (Tokens.UnclosedQuoteException e) {
                throw new InvalidConfigException(property, "Invalid config for " + s.key() + ": " + e.getMessage());
            }
            if (words.isEmpty() || words.size() > 3) {
                throw new InvalidConfigException(property, "Invalid config for " + s.key() + ": '" + s.value()
                        + "' has more than 3 words; quote a value with blanks as \"two words\"");
            }
            if (property == ModifyPlugin.CONDITION) {
                conditions.add(condition(words, s.value()));
            } else {
                rules.add(rule(property, words, s.value()));
            }
        }
        return new ModifyRules(List.copyOf(conditions), List.copyOf(rules));
    }

    private static Property<String> property(String key) {
        for (Property<?> p : new ModifyPlugin().properties()) {
            if (p.name().equals(key)) {
                @SuppressWarnings("unchecked")
                Property<String> typed = (Property<String>) p;
                return typed;
            }
        }
        throw new IllegalStateException("undeclared key " + key);
    }

    private static Rule rule(Property<String> property, List<String> words, String raw)
            throws InvalidConfigException {
        String name = property.name();
        Op op = Op.valueOf(name.toUpperCase(Locale.ROOT));
        String text = name + " " + raw;
        if (words.size() != op.args) {
            if (op.args == 2 && words.size() == 3) {
                throw new InvalidConfigException(property, name + " expects 2 arguments, got 3 (quote values with "
                        + "spaces): '" + raw + "'");
            }
            throw new InvalidConfigException(property, "Invalid operation " + name + " : " + raw + " in "
                    + "configuration: " + name + " expects " + (op.args == 1 ? "1 argument" : "2 arguments")
                    + ", got " + words.size());
        }
        String first = words.get(0);
        Str value = op.args == 2 ? Str.of(words.get(1)) : null;
        Pattern regex = null;
        switch (op) {
            case REMOVE_WILDCARD, MOVE_TO_START, MOVE_TO_END -> {
                String prefix = first.endsWith("*") ? first.substring(0, first.length() - 1) : first;
                if (prefix.indexOf('*') >= 0) {
                    throw new InvalidConfigException(property, name + " takes a key prefix, with * allowed only at "
                            + "the end: '" + first + "'");
                }
                first = prefix;
            }
            case REMOVE_REGEX -> regex = Settings.regex(property, first, "Unable to create regex(key) from "
                    + first + ": ");
            default -> {
            }
        }
        return new Rule(op, Str.of(first), value, regex, text);
    }

    private static Condition condition(List<String> words, String raw) throws InvalidConfigException {
        Property<String> property = ModifyPlugin.CONDITION;
        Test test;
        try {
            test = Test.valueOf(words.get(0).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(property, "Invalid config for condition : " + raw + " (unknown "
                    + "condition '" + words.get(0) + "')");
        }
        int args = words.size() - 1;
        if (args != test.args) {
            throw new InvalidConfigException(property, "condition " + words.get(0) + " expects "
                    + (test.args == 1 ? "1 argument" : "2 arguments") + ", got " + args + ": '" + raw + "'");
        }
        String a = words.get(1);
        String b = args == 2 ? words.get(2) : null;
        RecordAccessor accessor = null;
        Pattern keyRegex = null;
        Str value = null;
        Pattern valueRegex = null;
        switch (test) {
            case A_KEY_MATCHES, NO_KEY_MATCHES -> keyRegex = Settings.regex(property, a,
                    "Unable to create regex(key) from " + a + ": ");
            case MATCHING_KEYS_HAVE_MATCHING_VALUES, MATCHING_KEYS_DO_NOT_HAVE_MATCHING_VALUES -> {
                keyRegex = Settings.regex(property, a, "Unable to create regex(key) from " + a + ": ");
                valueRegex = Settings.regex(property, b, "Unable to create regex(val) from " + b + ": ");
            }
            default -> {
                accessor = a.startsWith("$") ? Settings.accessor(property, a, "condition " + words.get(0) + ": ")
                        : RecordAccessor.literalKey(a);
                if (test == Test.KEY_VALUE_MATCHES || test == Test.KEY_VALUE_DOES_NOT_MATCH) {
                    valueRegex = Settings.regex(property, b, "Unable to create regex(val) from " + b + ": ");
                } else if (b != null) {
                    value = Str.of(b);
                }
            }
        }
        return new Condition(test, accessor, keyRegex, value, valueRegex, "condition " + raw);
    }

    /** Conditions and rules as a line for logs. */
    String describe() {
        List<String> all = new ArrayList<>();
        conditions.forEach(c -> all.add(c.text()));
        rules.forEach(r -> all.add(r.text()));
        return String.join("; ", all);
    }
}
