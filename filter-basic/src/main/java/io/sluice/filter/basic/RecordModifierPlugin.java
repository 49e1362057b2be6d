package io.sluice.filter.basic;

import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.util.List;

/** Fluent Bit's {@code record_modifier} filter: appends fixed entries and a UUID, removes or allow-lists keys. */
public final class RecordModifierPlugin implements FilterPlugin {

    static final Property<String> RECORD = Property.string("record", "KEY VALUE: set KEY to the string VALUE at "
            + "the end of every record, replacing a KEY the record has; a VALUE with blanks is written "
            + "\"double quoted\"").repeatable();
    static final Property<String> REMOVE_KEY = Property.string("remove_key", "remove the keys equal to this, "
            + "ignoring case; a trailing * matches every key starting with the rest").repeatable();
    static final Property<String> ALLOWLIST_KEY = Property.string("allowlist_key", "keep only the keys equal to "
            + "one of these, ignoring case; a trailing * matches every key starting with the rest").repeatable();
    static final Property<String> WHITELIST_KEY = Property.string("whitelist_key", "the old name of allowlist_key")
            .repeatable().deprecated("allowlist_key");
    static final Property<String> UUID_KEY = Property.string("uuid_key", "append this key with a random UUID "
            + "(version 4, 36 lowercase characters), new for every record");

    @Override
    public String name() {
        return "record_modifier";
    }

    @Override
    public String description() {
        return "modify record";
    }

    @Override
    public List<Property<?>> properties() {
        return List.of(RECORD, REMOVE_KEY, ALLOWLIST_KEY, WHITELIST_KEY, UUID_KEY);
    }

    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        if (config.isSet(REMOVE_KEY) && config.isSet(ALLOWLIST_KEY)) {
            throw new InvalidConfigException(ALLOWLIST_KEY, "remove_keys and allowlist_keys are exclusive with "
                    + "each other.");
        }
    }

    @Override
    public Filter create(FilterContext context) throws PluginException {
        try {
            validate(context.config());
        } catch (InvalidConfigException e) {
            throw new PluginException(e.property() + ": " + e.getMessage(), e);
        }
        return new RecordModifierFilter(context, RecordModifierSettings.read(context.config(),
                context.logger()::error));
    }
}
