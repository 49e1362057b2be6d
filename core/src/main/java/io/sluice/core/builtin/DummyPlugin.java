package io.sluice.core.builtin;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.Property;
import java.util.List;

/** The {@code dummy} input: generates a fixed record at a fixed rate, for demos and tests. */
public final class DummyPlugin implements InputPlugin {

    @Override
    public String name() {
        return "dummy";
    }

    @Override
    public String description() {
        return "Generate dummy data";
    }

    static final Property<String> DUMMY = Property.string("dummy", "Dummy JSON record")
            .withDefault("{\"message\":\"dummy\"}");
    static final Property<String> METADATA = Property.string("metadata", "Dummy JSON metadata").withDefault("{}");
    static final Property<Integer> RATE = Property.integer("rate", "Number of events per second")
            .withDefault("1").range(1, 10_000_000);
    static final Property<Integer> COPIES = Property.integer("copies", "Number of copies of the record per event")
            .withDefault("1").range(1, 1_000_000);
    static final Property<Integer> SAMPLES = Property.integer("samples",
            "Number of events to generate before stopping; 0 for no limit").withDefault("0").range(0,
            Integer.MAX_VALUE);

    @Override
    public List<Property<?>> properties() {
        return List.of(DUMMY, METADATA, RATE, COPIES, SAMPLES);
    }

    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        json(config, DUMMY);
        json(config, METADATA);
    }

    @Override
    public Input create(InputContext context) throws PluginException {
        PluginConfig config = context.config();
        try {
            return new DummyInput(context, new DummyRecord(json(config, METADATA), json(config, DUMMY)),
                    config.get(RATE), config.get(COPIES), config.get(SAMPLES));
        } catch (InvalidConfigException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }

    private static byte[] json(PluginConfig config, Property<String> key) throws InvalidConfigException {
        try {
            return JsonObjectEncoder.encode(config.get(key));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, "invalid JSON: " + e.getMessage());
        }
    }
}
