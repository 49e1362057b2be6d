package io.sluice.filter.basic;

import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.util.List;

/** Fluent Bit's {@code nest} filter: moves top-level keys into a new map, or lifts a map's entries to the top. */
public final class NestPlugin implements FilterPlugin {

    static final Property<String> OPERATION = Property.choice("operation", "nest: move the keys matching Wildcard "
            + "into a new map Nest_under; lift: replace the map Nested_under by its entries", "nest", "lift")
            .required();
    static final Property<String> WILDCARD = Property.string("wildcard", "nest: a key to move, or with a trailing * "
            + "every key starting with the rest (case-sensitive)").repeatable();
    static final Property<String> NEST_UNDER = Property.string("nest_under", "nest: the name of the new map, "
            + "appended at the end of the record");
    static final Property<String> NESTED_UNDER = Property.string("nested_under", "lift: the key whose map is "
            + "lifted; its entries come after the other keys");
    static final Property<String> ADD_PREFIX = Property.string("add_prefix", "a prefix added to the names of the "
            + "keys moved (nest) or lifted (lift)");
    static final Property<String> REMOVE_PREFIX = Property.string("remove_prefix", "a prefix removed from the "
            + "names of the keys moved or lifted, where they have it");
    static final Property<String> PREFIX_WITH = Property.string("prefix_with", "the old name of add_prefix")
            .deprecated("add_prefix");

    @Override
    public String name() {
        return "nest";
    }

    @Override
    public String description() {
        return "nest events by specified field values";
    }

    @Override
    public List<Property<?>> properties() {
        return List.of(OPERATION, WILDCARD, NEST_UNDER, NESTED_UNDER, ADD_PREFIX, REMOVE_PREFIX, PREFIX_WITH);
    }

    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        if (config.isSet(ADD_PREFIX) && config.isSet(REMOVE_PREFIX)) {
            throw new InvalidConfigException(REMOVE_PREFIX, "Add_prefix and Remove_prefix are exclusive");
        }
        boolean nest = config.get(OPERATION).equals("nest");
        if (nest && !config.isSet(NEST_UNDER) && !config.isSet(NESTED_UNDER)) {
            throw new InvalidConfigException(NEST_UNDER, "operation nest needs Nest_under, the name of the new map");
        }
        if (!nest && !config.isSet(NESTED_UNDER) && !config.isSet(NEST_UNDER)) {
            throw new InvalidConfigException(NESTED_UNDER, "operation lift needs Nested_under, the key whose map "
                    + "is lifted");
        }
    }

    @Override
    public Filter create(FilterContext context) throws PluginException {
        PluginConfig config = context.config();
        try {
            validate(config);
        } catch (InvalidConfigException e) {
            throw new PluginException(e.property() + ": " + e.getMessage(), e);
        }
        boolean nest = config.get(OPERATION).equals("nest");
        String key;
        if (nest) {
            key = config.isSet(NEST_UNDER) ? config.get(NEST_UNDER) : config.get(NESTED_UNDER);
            if (!config.isSet(NEST_UNDER)) {
                context.logger().warn("operation nest takes Nest_under; reading Nested_under '{}' as it, as Fluent "
                        + "Bit does", key);
            }
            if (config.getAll(WILDCARD).isEmpty()) {
                context.logger().warn("operation nest without Wildcard: no key is ever moved");
            }
        } else {
            key = config.isSet(NESTED_UNDER) ? config.get(NESTED_UNDER) : config.get(NEST_UNDER);
            if (!config.isSet(NESTED_UNDER)) {
                context.logger().warn("operation lift takes Nested_under; reading Nest_under '{}' as it, as Fluent "
                        + "Bit does", key);
            }
            if (!config.getAll(WILDCARD).isEmpty()) {
                context.logger().warn("Wildcard is ignored by operation lift");
            }
        }
        String prefix = config.isSet(ADD_PREFIX) ? config.get(ADD_PREFIX) : config.get(REMOVE_PREFIX);
        return new NestFilter(context, nest, Str.of(key), config.getAll(WILDCARD),
                prefix == null ? null : Str.of(prefix), config.isSet(ADD_PREFIX));
    }
}
