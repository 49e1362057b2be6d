package io.sluice.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a configuration in Fluent Bit's YAML format, and the files it includes, into the same sections and variables
 * a classic file gives: {@code service} becomes a SERVICE section, each entry of {@code pipeline}'s {@code inputs},
 * {@code filters} and {@code outputs} an INPUT, FILTER or OUTPUT section (in document order, includes expanded where
 * they are named), and {@code env} the {@code @SET} variables. Every entry carries the file and line of its value.
 */
public final class YamlConfigReader {

    private static final Map<String, String> NOT_SUPPORTED = Map.of(
            "parsers", "sluice runs no parsers",
            "multiline_parsers", "sluice runs no parsers",
            "customs", "sluice has no custom plugins",
            "upstream_servers", "sluice has no upstream balancing",
            "stream_processor", "sluice has no stream processor",
            "plugins", "sluice loads plugin jars from its plugins folder or -e, not shared objects");
    private static final Set<String> PIPELINE_GROUPS = Set.of("inputs", "filters", "outputs");

    private final Consumer<String> warnings;
    private final YamlIncludes includes;
    private final List<ConfigSection> sections = new ArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final YamlEnv env;
    private boolean serviceSeen;

    private YamlConfigReader(Path baseDir, Consumer<String> warnings, int maxFiles) {
        this.warnings = warnings;
        this.includes = new YamlIncludes(maxFiles);
        this.env = new YamlEnv(baseDir, warnings, variables);
    }

    /** Whether {@code path} names a YAML file: it ends in {@code .yaml} or {@code .yml}, any case. */
    public static boolean isYaml(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /** Reads {@code file} (as the user wrote it) relative to {@code baseDir}. */
    public static ClassicDocument read(String file, Path baseDir, Consumer<String> warnings) throws ConfigException {
        return read(file, baseDir, warnings, ClassicConfigReader.MAX_FILES);
    }

    /** As {@link #read(String, Path, Consumer)} with another limit on the number of files, for tests. */
    static ClassicDocument read(String file, Path baseDir, Consumer<String> warnings, int maxFiles)
            throws ConfigException {
        Path path;
        try {
            path = baseDir.resolve(file);
        } catch (InvalidPathException e) {
            throw new ConfigException(new Origin(file, 0), null, "could not open configuration file, aborting.");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(new Origin(file, 0), null, "could not open configuration file, aborting.");
        }
        YamlConfigReader reader = new YamlConfigReader(baseDir, warnings, maxFiles);
        reader.includes.top(path);
        reader.readFile(file, path);
        return new ClassicDocument(reader.sections, reader.variables);
    }

    private void readFile(String label, Path path) throws ConfigException {
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(new Origin(label, 0), null, "cannot read '" + label + "': " + e.getMessage());
        }
        for (YamlValue document : YamlParser.parse(label, text)) {
            if (document instanceof YamlValue.Mapping mapping) {
                for (YamlValue.Pair pair : mapping.pairs()) {
                    readSection(pair, path);
                }
            } else if (!isNothing(document)) {
                throw document.unexpectedIn("document");
            }
        }
    }

    private void readSection(YamlValue.Pair pair, Path file) throws ConfigException {
        String name = pair.key().text().trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "service" -> readService(pair);
            case "pipeline" -> readPipeline(pair.value());
            case "includes" -> readIncludes(pair.value(), file);
            case "env" -> env.read(pair.value());
            case "extensions" -> {
                // Fluent Bit keeps it for other tools and never reads it; a good home for YAML anchors
            }
            default -> throw unknownSection(pair.key(), name);
        }
    }

    private static ConfigException unknownSection(YamlValue.Scalar key, String name) {
        if (NOT_SUPPORTED.containsKey(name)) {
            return new ConfigException(key.origin(), null, "section '" + name + "' is not supported by sluice ("
                    + NOT_SUPPORTED.get(name) + ")");
        }
        if (PIPELINE_GROUPS.contains(name)) {
            return new ConfigException(key.origin(), null, "section '" + name
                    + "' must be inside 'pipeline', as in pipeline: { " + name + ": [ ... ] }");
        }
        return new ConfigException(key.origin(), null, "unknown section '" + ClassicParser.printable(key.text())
                + "'. Try one of these values: service, pipeline, includes, env or extensions.");
    }

    private void readService(YamlValue.Pair pair) throws ConfigException {
        YamlValue.Scalar key = pair.key();
        if (serviceSeen) {
            throw new ConfigException(key.origin(), null, "YAML error found in file \"" + basename(key.origin())
                    + "\", line " + key.origin().line() + ", column " + key.column()
                    + ": duplicated definition of 'service'");
        }
        serviceSeen = true;
        if (pair.value() instanceof YamlValue.Mapping service) {
            sections.add(new ConfigSection(SectionKind.SERVICE, YamlProperties.service(service, warnings),
                    key.origin()));
        } else if (!isNothing(pair.value())) {
            throw pair.value().unexpectedIn("service");
        }
    }

    private void readPipeline(YamlValue pipeline) throws ConfigException {
        if (isNothing(pipeline)) {
            return;
        }
        if (!(pipeline instanceof YamlValue.Mapping groups)) {
            throw pipeline.unexpectedIn("pipeline");
        }
        for (YamlValue.Pair group : groups.pairs()) {
            String name = group.key().text().toLowerCase(Locale.ROOT);
            if (!PIPELINE_GROUPS.contains(name)) {
                throw group.key().error(null, "the pipeline component '" + ClassicParser.printable(group.key().text())
                        + "' is not valid. Try one of these values: customs, inputs, filters or outputs.");
            }
            SectionKind kind = SectionKind.fromHeader(name.substring(0, name.length() - 1)).orElseThrow();
            readPlugins(kind, group.value());
        }
    }

    /** A list of plugin mappings; a single mapping is taken as a list of one, as Fluent Bit does. */
    private void readPlugins(SectionKind kind, YamlValue plugins) throws ConfigException {
        List<YamlValue> items = plugins instanceof YamlValue.Sequence list ? list.items()
                : isNothing(plugins) ? List.of() : List.of(plugins);
        for (YamlValue item : items) {
            if (!(item instanceof YamlValue.Mapping plugin)) {
                throw item.unexpectedIn(kind.label());
            }
            sections.add(new ConfigSection(kind, YamlProperties.plugin(kind, plugin), plugin.origin()));
        }
    }

    /** Each entry is read where it is named; an error inside an included file also says where it was included. */
    private void readIncludes(YamlValue value, Path file) throws ConfigException {
        List<YamlValue> entries = value instanceof YamlValue.Sequence list ? list.items()
                : isNothing(value) ? List.of() : List.of(value);
        for (YamlValue item : entries) {
            if (!(item instanceof YamlValue.Scalar entry)) {
                throw item.unexpectedIn("include");
            }
            for (Path path : includes.resolve(entry, file)) {
                YamlIncludes.File included = includes.claim(entry, path);
                try {
                    readFile(included.label(), included.path());
                } catch (ConfigException e) {
                    ConfigException wrapped = new ConfigException(e.origin(), e.key(), e.getMessage()
                            + "\n[config] including file '" + ClassicParser.printable(entry.text()) + "' at "
                            + entry.origin());
                    wrapped.initCause(e);
                    throw wrapped;
                }
            }
        }
    }

    /** An empty value ({@code pipeline:} with nothing under it), taken as an empty section. */
    private static boolean isNothing(YamlValue value) {
        return value instanceof YamlValue.Scalar scalar && scalar.isEmpty();
    }

    private static String basename(Origin origin) {
        Path name = Path.of(origin.file()).getFileName();
        return name == null ? origin.file() : name.toString();
    }
}
