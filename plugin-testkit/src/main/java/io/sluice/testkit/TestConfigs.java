package io.sluice.testkit;

import io.sluice.api.PluginFactory;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import io.sluice.api.config.Setting;
import io.sluice.core.config.ConfigException;
import io.sluice.core.config.StandaloneConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plugin configurations validated by core exactly as at start; a rejected one fails with core's message. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** {@code factory}'s configuration with single-valued {@code settings}. */
    public static PluginConfig of(PluginFactory factory, Map<String, String> settings) {
        List<Setting> list = new ArrayList<>();
        settings.forEach((k, v) -> list.add(new Setting(k, v)));
        return of(factory, list);
    }

    /** {@code factory}'s configuration with {@code settings} in order (a key may repeat). */
    public static PluginConfig of(PluginFactory factory, List<Setting> settings) {
        try {
            return StandaloneConfig.of(factory, settings);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.userMessage(), e);
        }
    }

    /**
     * A configuration of {@code declared} properties (as a support-library helper such as {@code NetSettings}
     * declares them) with single-valued {@code settings}.
     */
    public static PluginConfig ofProperties(List<Property<?>> declared, Map<String, String> settings) {
        return of(new PluginFactory() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public String description() {
                return "properties under test";
            }

            @Override
            public List<Property<?>> properties() {
                return declared;
            }
        }, settings);
    }

    /** {@code key value} settings from alternating arguments: {@code settings("port", "0", "header", "A b")}. */
    public static List<Setting> settings(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        List<Setting> list = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            list.add(new Setting(keyValues[i], keyValues[i + 1]));
        }
        return list;
    }
}
