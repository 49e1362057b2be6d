package io.sluice.filter.basic;

import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.util.List;

/** Fluent Bit's {@code rewrite_tag} filter: re-emits records under a tag made from their content. */
public final class RewriteTagPlugin implements FilterPlugin {

    private static final String COMPAT = "Accepted for compatibility and ignored: sluice has no emitter input; "
            + "re-tagged copies go through the filter chain again from its start and are buffered with the "
            + "storage of the input the records came from";

    static final Property<String> RULE = Property.string("rule", "$KEY REGEX NEW_TAG KEEP: when the string at $KEY "
            + "(a record accessor) matches REGEX, emit a copy of the record tagged NEW_TAG ($TAG, $TAG[n], $0..$9 "
            + "captures, $key values); KEEP true keeps the original too. The first matching rule wins; quote a word "
            + "with blanks as \"two words\"").repeatable();
    static final Property<String> EMITTER_NAME = Property.string("emitter_name", "Fluent Bit's name of the emitter "
            + "input. " + COMPAT);
    static final Property<String> EMITTER_STORAGE_TYPE = Property.choice("emitter_storage.type", "memory or "
            + "filesystem: Fluent Bit's storage of the emitter input. " + COMPAT, "memory", "filesystem")
            .withDefault("memory");
    static final Property<Long> EMITTER_MEM_BUF_LIMIT = Property.size("emitter_mem_buf_limit", "Fluent Bit's "
            + "Mem_Buf_Limit of the emitter input. " + COMPAT + ", counted against that input's own "
            + "Mem_Buf_Limit").withDefault("10M");

    @Override
    public String name() {
        return "rewrite_tag";
    }

    @Override
    public String description() {
        return "Rewrite records tags";
    }

    @Override
    public List<Property<?>> properties() {
        return List.of(RULE, EMITTER_NAME, EMITTER_STORAGE_TYPE, EMITTER_MEM_BUF_LIMIT);
    }

    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        RewriteRule.readAll(config);
    }

    @Override
    public Filter create(FilterContext context) throws PluginException {
        PluginConfig config = context.config();
        List<RewriteRule> rules;
        try {
            rules = RewriteRule.readAll(config);
        } catch (InvalidConfigException e) {
            throw new PluginException(e.property() + ": " + e.getMessage(), e);
        }
        if (rules.isEmpty()) {
            context.logger().warn("no rules have defined: every record passes unchanged");
        }
        for (RewriteRule rule : rules) {
            if (rule.keepWarning() != null) {
                context.logger().warn(rule.keepWarning());
            }
        }
        if (config.isSet(EMITTER_NAME) || config.isSet(EMITTER_STORAGE_TYPE) || config.isSet(EMITTER_MEM_BUF_LIMIT)) {
            context.logger().info("emitter_name, emitter_storage.type and emitter_mem_buf_limit are ignored: "
                    + "re-tagged copies go through the pipeline from the filter chain's start and are buffered with "
                    + "the storage of the input they came from");
        }
        return new RewriteTagFilter(context, rules);
    }
}
