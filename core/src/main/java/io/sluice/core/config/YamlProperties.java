package io.sluice.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the mapping of a {@code service} or of one input, filter or output into the entries of a section, as the
 * classic format would have them: keys spelled as Fluent Bit rewrites them, a list of scalars as the key repeated, a
 * quoted scalar kept verbatim (Fluent Bit trims even those). Nested mappings are refused where Fluent Bit refuses them,
 * and where sluice has nothing to run them with ({@code processors}, {@code routes}).
 */
final class YamlProperties {

    /** The message for the structural keys of Fluent Bit's processors and conditional routing. */
    static final String PROCESSORS_NOT_SUPPORTED = "processors/routes are not supported yet";

    private YamlProperties() {
    }

    /** The entries of the {@code service} mapping; a nested {@code telemetry} mapping is ignored with a warning. */
    static List<ConfigEntry> service(YamlValue.Mapping service, Consumer<String> warnings) throws ConfigException {
        List<ConfigEntry> entries = new ArrayList<>();
        for (YamlValue.Pair pair : service.pairs()) {
            String key = YamlKeys.entryKey(pair.key().text());
            if (pair.value() instanceof YamlValue.Mapping) {
                if (!pair.key().text().equals("telemetry")) {
                    throw new ConfigException(pair.key().origin(), key,
                            "unsupported nested service property '" + key + "'");
                }
                warnings.accept("[config] " + pair.key().origin() + ": service telemetry is not supported by sluice; "
                        + "ignored");
                continue;
            }
            addValues(entries, key, pair.value(), "section-value");
        }
        return entries;
    }

    /** The entries of one input, filter or output mapping. */
    static List<ConfigEntry> plugin(SectionKind kind, YamlValue.Mapping plugin) throws ConfigException {
        List<ConfigEntry> entries = new ArrayList<>();
        for (YamlValue.Pair pair : plugin.pairs()) {
            String written = pair.key().text();
            String key = YamlKeys.entryKey(written);
            if (written.equals("processors") || written.equals("routes")) {
                throw new ConfigException(pair.key().origin(), written, PROCESSORS_NOT_SUPPORTED);
            }
            if (pair.value() instanceof YamlValue.Mapping) {
                throw new ConfigException(pair.key().origin(), key, "could not configure property '" + key + "' on "
                        + kind.label() + " plugin with section name '" + nameOf(plugin) + "'");
            }
            addValues(entries, key, pair.value(), "plugin-values");
        }
        return entries;
    }

    private static void addValues(List<ConfigEntry> entries, String key, YamlValue value, String listState)
            throws ConfigException {
        if (value instanceof YamlValue.Scalar scalar) {
            entries.add(entry(key, scalar));
            return;
        }
        for (YamlValue item : ((YamlValue.Sequence) value).items()) {
            if (!(item instanceof YamlValue.Scalar scalar)) {
                throw item.unexpectedIn(listState);
            }
            entries.add(entry(key, scalar));
        }
    }

    /** A quoted scalar verbatim; plain and block scalars trimmed as Fluent Bit does (a block keeps no last newline). */
    private static ConfigEntry entry(String key, YamlValue.Scalar scalar) {
        return new ConfigEntry(key, scalar.quoted() ? scalar.text() : scalar.text().trim(), scalar.origin());
    }

    /** The plugin's {@code name} as written, for messages. */
    private static String nameOf(YamlValue.Mapping plugin) {
        for (YamlValue.Pair pair : plugin.pairs()) {
            if (YamlKeys.entryKey(pair.key().text()).equals("name") && pair.value() instanceof YamlValue.Scalar s) {
                return s.text();
            }
        }
        return "";
    }
}
