package io.sluice.core.builtin;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.PropertySpec;
import io.sluice.api.config.PropertyType;
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

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                PropertySpec.of("dummy", PropertyType.STRING, "{\"message\":\"dummy\"}",
                        "Dummy JSON record"),
                PropertySpec.of("metadata", PropertyType.STRING, "{}", "Dummy JSON metadata"),
                PropertySpec.of("rate", PropertyType.INTEGER, "1", "Number of events per second"),
                PropertySpec.of("copies", PropertyType.INTEGER, "1", "Number of copies of the record per event"),
                PropertySpec.of("samples", PropertyType.INTEGER, "0",
                        "Number of events to generate before stopping; 0 for no limit"));
    }

    @Override
    public Input create(InputContext context) throws PluginException {
        PluginConfig config = context.config();
        byte[] body = json(config, "dummy");
        byte[] metadata = json(config, "metadata");
        long rate = config.getLong("rate", 1);
        long copies = config.getLong("copies", 1);
        long samples = config.getLong("samples", 0);
        if (rate < 1 || rate > 10_000_000) {
            throw new PluginException("rate must be between 1 and 10000000 events per second, not " + rate);
        }
        if (copies < 1 || copies > 1_000_000) {
            throw new PluginException("copies must be between 1 and 1000000, not " + copies);
        }
        if (samples < 0) {
            throw new PluginException("samples must be 0 (no limit) or more, not " + samples);
        }
        return new DummyInput(context, new DummyRecord(metadata, body), rate, (int) copies, samples);
    }

    private static byte[] json(PluginConfig config, String key) throws PluginException {
        try {
            return JsonObjectEncoder.encode(config.getString(key));
        } catch (IllegalArgumentException e) {
            throw new PluginException("invalid JSON in '" + key + "': " + e.getMessage(), e);
        }
    }
}
