package io.sluice.core.config;

import io.sluice.api.PluginFactory;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates a plugin's own properties outside a configuration file, exactly as a section is validated at start
 * (types, ranges, repeats, required keys, then the plugin's {@code validate} hook): what the plugin testkit builds its
 * contexts with, so a plugin's tests see what its users will.
 */
public final class StandaloneConfig {

    private static final Origin ORIGIN = new Origin("test", 0);

    private StandaloneConfig() {
    }

    /** The validated configuration of {@code factory} for {@code settings} (in order; a key may repeat). */
    public static ValidatedConfig of(PluginFactory factory, List<Setting> settings) throws ConfigException {
        List<ConfigEntry> entries = new ArrayList<>();
        for (Setting s : settings) {
            entries.add(new ConfigEntry(s.key().toLowerCase(Locale.ROOT), s.value().trim(), ORIGIN));
        }
        PluginProperties props = PluginProperties.read(factory.name(), factory.properties(), List.of(), ORIGIN,
                entries, Map.of());
        try {
            factory.validate(props.config());
        } catch (InvalidConfigException e) {
            throw new ConfigException(ORIGIN, e.property() == null ? null : e.property().name(), factory.name()
                    + ": " + e.getMessage());
        }
        return props.config();
    }
}
