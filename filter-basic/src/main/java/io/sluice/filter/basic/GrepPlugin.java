package io.sluice.filter.basic;

import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.util.List;

/** Fluent Bit's {@code grep} filter: keeps or drops records by regular expressions on their values. */
public final class GrepPlugin implements FilterPlugin {

    static final Property<String> REGEX = Property.string("regex", "KEY REGEX: keep records whose KEY (a record "
            + "accessor: log, $log or $kubernetes['labels']['app']) is a string the regex finds a match in; the regex "
            + "is everything after the first space").repeatable();
    static final Property<String> EXCLUDE = Property.string("exclude", "KEY REGEX: drop records whose KEY is a "
            + "string the regex finds a match in").repeatable();
    static final Property<String> LOGICAL_OP = Property.string("logical_op", "How the rules combine: legacy "
            + "(in order; the first Regex rule keeps or drops the record, an Exclude rule before it drops on a "
            + "match), and, or. Regex and Exclude cannot be mixed with and/or").withDefault("legacy");

    @Override
    public String name() {
        return "grep";
    }

    @Override
    public String description() {
        return "grep events by specified field values";
    }

    @Override
    public List<Property<?>> properties() {
        return List.of(REGEX, EXCLUDE, LOGICAL_OP);
    }

    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        GrepRules.read(config);
    }

    @Override
    public Filter create(FilterContext context) throws PluginException {
        GrepRules rules;
        try {
            rules = GrepRules.read(context.config());
        } catch (InvalidConfigException e) {
            throw new PluginException(e.property() + ": " + e.getMessage(), e);
        }
        rules.warnings().forEach(w -> context.logger().warn(w));
        context.logger().debug("rules ({}): {}", rules.mode(), rules.describe());
        return new GrepFilter(context, rules);
    }
}
