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
 * grep's rules in configuration order (Regex and Exclude interleaved), how they combine, and the warnings their
 * order deserves.
 *
 * @param mode     legacy, and, or
 * @param rules    the rules in order
 * @param warnings lines to log at start
 */
record GrepRules(Mode mode, List<Rule> rules, List<String> warnings) {

    enum Mode { LEGACY, AND, OR }

    /**
     * One rule.
     *
     * @param exclude whether it is an Exclude (else a Regex)
     * @param key     where the value is
     * @param pattern what it must contain
     * @param text    the rule as written
     */
    record Rule(boolean exclude, RecordAccessor key, Pattern pattern, String text) {
    }

    static GrepRules read(PluginConfig config) throws InvalidConfigException {
        List<String> warnings = new ArrayList<>();
        String op = config.get(GrepPlugin.LOGICAL_OP).trim().toLowerCase(Locale.ROOT);
        Mode mode = switch (op) {
            case "and" -> Mode.AND;
            case "or" -> Mode.OR;
            case "legacy" -> Mode.LEGACY;
            default -> {
                warnings.add("logical_op '" + config.get(GrepPlugin.LOGICAL_OP) + "' is not and, or or legacy; "
                        + "using legacy, as Fluent Bit does");
                yield Mode.LEGACY;
            }
        };
        List<Rule> rules = new ArrayList<>();
        for (Setting s : config.settings()) {
            boolean exclude = s.key().equals(GrepPlugin.EXCLUDE.name());
            if (!exclude && !s.key().equals(GrepPlugin.REGEX.name())) {
                continue;
            }
            rules.add(rule(exclude ? GrepPlugin.EXCLUDE : GrepPlugin.REGEX, exclude, s.value()));
        }
        boolean anyRegex = rules.stream().anyMatch(r -> !r.exclude());
        boolean anyExclude = rules.stream().anyMatch(Rule::exclude);
        if (mode != Mode.LEGACY && anyRegex && anyExclude) {
            throw new InvalidConfigException(GrepPlugin.LOGICAL_OP, "Both 'regex' and 'exclude' are set. With "
                    + "logical_op " + op + " the rules must be all Regex or all Exclude");
        }
        if (rules.isEmpty() && mode != Mode.LEGACY) {
            warnings.add("logical_op " + op + " without Regex or Exclude rules: every record is kept");
        }
        if (mode == Mode.LEGACY) {
            int firstRegex = -1;
            for (int i = 0; i < rules.size(); i++) {
                Rule r = rules.get(i);
                if (firstRegex >= 0) {
                    warnings.add("rule '" + r.text() + "' is never checked: in legacy mode the earlier rule '"
                            + rules.get(firstRegex).text() + "' keeps or drops every record. Put Exclude rules "
                            + "before the only Regex rule, or set logical_op and/or");
                } else if (!r.exclude()) {
                    firstRegex = i;
                }
            }
        }
        return new GrepRules(mode, List.copyOf(rules), List.copyOf(warnings));
    }

    private static Rule rule(Property<String> property, boolean exclude, String value) throws InvalidConfigException {
        String text = (exclude ? "Exclude " : "Regex ") + value;
        int space = value.indexOf(' ');
        if (space <= 0 || space == value.length() - 1) {
            throw new InvalidConfigException(property, "invalid regex, expected field and regular expression: '"
                    + value + "' (write KEY REGEX, e.g. log ^error)");
        }
        String key = value.substring(0, space);
        String regex = value.substring(space + 1);
        String accessorText = key.startsWith("$") ? key : "$" + key;
        RecordAccessor accessor = Settings.accessor(property, accessorText, "invalid record accessor? '" + key
                + "': ");
        Pattern pattern = Settings.regex(property, regex, "could not compile regex pattern '" + regex + "': ");
        return new Rule(exclude, accessor, pattern, text);
    }

    /** The rules as a line for logs. */
    String describe() {
        return rules.isEmpty() ? "none" : String.join("; ", rules.stream().map(Rule::text).toList());
    }
}
