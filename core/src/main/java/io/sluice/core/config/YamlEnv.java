package io.sluice.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an {@code env} section, YAML's {@code @SET}: a mapping {@code NAME: value}, or a list of entries
 * {@code {name, value}}, {@code {name, uri: file:///path, refresh_interval}} or the shorthand {@code {NAME: value}}.
 * A file's content (minus one trailing newline) is read once, when the configuration is loaded.
 */
final class YamlEnv {

    private static final String FILE_SCHEME = "file://";
    private static final Set<String> FIELDS = Set.of("name", "value", "uri", "refresh_interval");

    private final Path baseDir;
    private final Consumer<String> warnings;
    private final Map<String, String> variables;

    /** A reader adding to {@code variables}, resolving relative {@code uri} paths against {@code baseDir}. */
    YamlEnv(Path baseDir, Consumer<String> warnings, Map<String, String> variables) {
        this.baseDir = baseDir;
        this.warnings = warnings;
        this.variables = variables;
    }

    /** Adds the variables of one {@code env} section; a later definition of a name wins. */
    void read(YamlValue env) throws ConfigException {
        if (env instanceof YamlValue.Mapping mapping) {
            readPairs(mapping);
        } else if (env instanceof YamlValue.Sequence list) {
            for (YamlValue item : list.items()) {
                if (!(item instanceof YamlValue.Mapping entry)) {
                    throw item.unexpectedIn("env");
                }
                if (entry.pairs().stream().noneMatch(p -> FIELDS.contains(field(p)))) {
                    readPairs(entry);
                } else {
                    readEntry(entry);
                }
            }
        } else if (!((YamlValue.Scalar) env).isEmpty()) {
            throw env.unexpectedIn("env");
        }
    }

    private void readPairs(YamlValue.Mapping mapping) throws ConfigException {
        for (YamlValue.Pair pair : mapping.pairs()) {
            variables.put(pair.key().text().trim(), text(pair));
        }
    }

    private void readEntry(YamlValue.Mapping entry) throws ConfigException {
        Map<String, YamlValue.Pair> fields = new LinkedHashMap<>();
        for (YamlValue.Pair pair : entry.pairs()) {
            if (!FIELDS.contains(field(pair))) {
                throw new ConfigException(pair.key().origin(), pair.key().text(), "unknown key in env entry; "
                        + "expected name, value, uri or refresh_interval");
            }
            fields.put(field(pair), pair);
        }
        YamlValue.Pair namePair = fields.get("name");
        if (namePair == null) {
            throw new ConfigException(entry.origin(), "name", "env entry without a name");
        }
        String name = text(namePair).trim();
        YamlValue.Pair value = fields.get("value");
        YamlValue.Pair uri = fields.get("uri");
        if ((value == null) == (uri == null)) {
            throw new ConfigException(namePair.key().origin(), "name", "env entry '" + name
                    + "' needs either a value or a uri");
        }
        variables.put(name, value != null ? text(value) : readUri(uri));
        YamlValue.Pair refresh = fields.get("refresh_interval");
        if (refresh != null) {
            checkRefresh(name, refresh);
        }
    }

    private String readUri(YamlValue.Pair uri) throws ConfigException {
        String written = text(uri).trim();
        Origin origin = uri.value().origin();
        if (!written.regionMatches(true, 0, FILE_SCHEME, 0, FILE_SCHEME.length())) {
            throw new ConfigException(origin, "uri", "unsupported uri '" + written + "': only file:// is supported");
        }
        String location = written.substring(FILE_SCHEME.length());
        Path file;
        try {
            file = baseDir.resolve(location);
        } catch (InvalidPathException e) {
            throw new ConfigException(origin, "uri", "file " + location + " not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(origin, "uri", "file " + location + " not found");
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(origin, "uri", "cannot read file " + location + ": " + e.getMessage());
        }
        content = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        if (content.isEmpty()) {
            throw new ConfigException(origin, "uri", "file " + location + " content is empty");
        }
        return content;
    }

    private void checkRefresh(String name, YamlValue.Pair refresh) throws ConfigException {
        Duration interval;
        try {
            interval = PropertyValues.parseTime(text(refresh));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(refresh.value().origin(), "refresh_interval", e.getMessage());
        }
        if (!interval.isZero()) {
            warnings.accept("[env] " + refresh.value().origin() + ": refresh_interval is not supported: " + name
                    + " is read once, at start and on each reload");
        }
    }

    private static String field(YamlValue.Pair pair) {
        return pair.key().text().trim().toLowerCase(Locale.ROOT);
    }

    /** The pair's value when it is a scalar; a nested mapping or a list is an error. */
    private static String text(YamlValue.Pair pair) throws ConfigException {
        YamlValue value = pair.value();
        if (value instanceof YamlValue.Scalar s) {
            return s.quoted() ? s.text() : s.text().trim();
        }
        if (value instanceof YamlValue.Mapping) {
            throw new ConfigException(pair.key().origin(), pair.key().text(),
                    "nested maps are not allowed in env section");
        }
        throw value.unexpectedIn("section-value");
    }
}
