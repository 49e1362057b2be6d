package io.sluice.filter.basic;

import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.util.List;

/** Fluent Bit's {@code modify} filter: conditions, then rules that set, add, remove, rename, copy and move keys. */
public final class ModifyPlugin implements FilterPlugin {

    private static final String QUOTE = "; quote a word with blanks as \"two words\" or 'two words'";

    static final Property<String> SET = rule("set", "K V: remove every K, then append K with the string V at the end");
    static final Property<String> ADD = rule("add", "K V: append K with the string V if the record has no K");
    static final Property<String> ADD_IF_NOT_PRESENT = rule("add_if_not_present", "K V: the old name of add")
            .deprecated("add");
    static final Property<String> REMOVE = rule("remove", "K: remove every K");
    static final Property<String> REMOVE_WILDCARD = rule("remove_wildcard", "PREFIX: remove every key starting with "
            + "PREFIX (a trailing * is ignored)");
    static final Property<String> REMOVE_REGEX = rule("remove_regex", "REGEX: remove every key the regex finds a "
            + "match in");
    static final Property<String> RENAME = rule("rename", "K N: rename every K to N, in place, if K exists and N "
            + "does not");
    static final Property<String> HARD_RENAME = rule("hard_rename", "K N: rename every K to N, in place, removing "
            + "any N first");
    static final Property<String> COPY = rule("copy", "K N: insert N with K's value right after K, if there is "
            + "exactly one K and no N");
    static final Property<String> HARD_COPY = rule("hard_copy", "K N: as copy, replacing an existing N (not applied "
            + "when K or N is there more than once)");
    static final Property<String> MOVE_TO_START = rule("move_to_start", "PREFIX: move the keys starting with PREFIX "
            + "to the front, in their order (a trailing * is ignored)");
    static final Property<String> MOVE_TO_END = rule("move_to_end", "PREFIX: move the keys starting with PREFIX to "
            + "the end, in their order (a trailing * is ignored)");
    static final Property<String> CONDITION = rule("condition", "NAME ARGS: the rules apply only to records meeting "
            + "every condition: Key_exists K, Key_does_not_exist K, A_key_matches RE, No_key_matches RE, "
            + "Key_value_equals K V, Key_value_does_not_equal K V, Key_value_matches K RE, Key_value_does_not_match "
            + "K RE, Matching_keys_have_matching_values KRE VRE, Matching_keys_do_not_have_matching_values KRE VRE "
            + "(K: a key, or a record accessor such as $a['b'])");

    private static Property<String> rule(String name, String description) {
        return Property.string(name, description + QUOTE).repeatable();
    }

    @Override
    public String name() {
        return "modify";
    }

    @Override
    public String description() {
        return "modify records by applying rules";
    }

    @Override
    public List<Property<?>> properties() {
        return List.of(SET, ADD, ADD_IF_NOT_PRESENT, REMOVE, REMOVE_WILDCARD, REMOVE_REGEX, RENAME, HARD_RENAME,
                COPY, HARD_COPY, MOVE_TO_START, MOVE_TO_END, CONDITION);
    }

    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        ModifyRules.read(config);
    }

    @Override
    public Filter create(FilterContext context) throws PluginException {
        ModifyRules rules;
        try {
            rules = ModifyRules.read(context.config());
        } catch (InvalidConfigException e) {
            throw new PluginException(e.property() + ": " + e.getMessage(), e);
        }
        context.logger().debug("{} conditions, {} rules: {}", rules.conditions().size(), rules.rules().size(),
                rules.describe());
        return new ModifyFilter(context, rules);
    }
}
