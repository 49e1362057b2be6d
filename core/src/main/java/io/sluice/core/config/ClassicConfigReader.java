package io.sluice.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a classic configuration file and the files it includes, in place, into sections and {@code @SET} variables.
 * Relative paths are resolved against a base directory (the process's working directory, or {@code -w}).
 */
public final class ClassicConfigReader {

    /** Upstream's limit on the number of files one configuration may read. */
    public static final int MAX_FILES = 1000;

    private final Consumer<String> warnings;
    private final int maxFiles;
    private final IncludeResolver includes;
    private final List<Path> readFiles = new ArrayList<>();
    private final List<SectionBuilder> sections = new ArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();

    private ClassicConfigReader(Path baseDir, Path topLevelDir, Consumer<String> warnings, int maxFiles) {
        this.warnings = warnings;
        this.maxFiles = maxFiles;
        this.includes = new IncludeResolver(baseDir, topLevelDir);
    }

    /** Reads {@code file} (as the user wrote it) relative to {@code baseDir}. */
    public static ClassicDocument read(String file, Path baseDir, Consumer<String> warnings) throws ConfigException {
        return read(file, baseDir, warnings, MAX_FILES);
    }

    /** As {@link #read(String, Path, Consumer)} with another limit on the number of files, for tests. */
    static ClassicDocument read(String file, Path baseDir, Consumer<String> warnings, int maxFiles)
            throws ConfigException {
        Path path;
        try {
            path = baseDir.resolve(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(new Origin(file, 0), null, "could not open configuration file, aborting.");
        }
        Path topDir = path.toAbsolutePath().getParent();
        ClassicConfigReader reader = new ClassicConfigReader(baseDir, topDir, warnings, maxFiles);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(new Origin(file, 0), null, "could not open configuration file, aborting.");
        }
        reader.readFile(file, path, new Origin(file, 0));
        List<ConfigSection> built = new ArrayList<>();
        for (SectionBuilder section : reader.sections) {
            if (section.entries.isEmpty()) {
                warnings.accept("[config] " + section.origin + ": section [" + section.header + "] has no entries");
            }
            built.add(new ConfigSection(section.kind, section.entries, section.origin));
        }
        return new ClassicDocument(built, reader.variables);
    }

    private void readFile(String label, Path path, Origin includedAt) throws ConfigException {
        for (Path seen : readFiles) {
            if (sameFile(seen, path)) {
                throw new ConfigException(includedAt, null, "file '" + label + "' is included more than once");
            }
        }
        if (readFiles.size() >= maxFiles) {
            throw new ConfigException(includedAt, null, "too many included files (at most " + maxFiles + ")");
        }
        readFiles.add(path);
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                // a UTF-8 byte-order mark, as some editors write: not part of the first line
                text = text.substring(1);
            }
        } catch (IOException e) {
            throw new ConfigException(includedAt, null, "cannot read '" + label + "': " + e.getMessage());
        }
        SectionBuilder current = null;
        for (ClassicStatement statement : ClassicParser.parse(label, text, warnings)) {
            if (statement instanceof ClassicStatement.Header header) {
                current = openSection(header);
            } else if (statement instanceof ClassicStatement.Entry entry) {
                if (current == null) {
                    throw new ConfigException(entry.origin(), entry.entry().key(), "entry outside of any section");
                }
                current.entries.add(entry.entry());
            } else if (statement instanceof ClassicStatement.SetVariable set) {
                variables.put(set.name(), set.value());
            } else if (statement instanceof ClassicStatement.Include include) {
                for (IncludeResolver.Resolved file : includes.resolve(include)) {
                    readFile(file.label(), file.path(), include.origin());
                }
            }
        }
    }

    private SectionBuilder openSection(ClassicStatement.Header header) throws ConfigException {
        Optional<SectionKind> kind = SectionKind.fromHeader(header.name());
        if (kind.isEmpty()) {
            String name = ClassicParser.printable(header.name());
            if (name.equalsIgnoreCase("PARSER") || name.equalsIgnoreCase("MULTILINE_PARSER")) {
                throw new ConfigException(header.origin(), null, "[" + name + "] is not supported: sluice has no "
                        + "parsers (and Fluent Bit allows them only in a Parsers_File)");
            }
            throw new ConfigException(header.origin(), null, "unknown section [" + name
                    + "]: expected SERVICE, INPUT, FILTER or OUTPUT");
        }
        SectionBuilder section = new SectionBuilder(kind.get(), header.name(), header.origin());
        sections.add(section);
        return section;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static final class SectionBuilder {
        final SectionKind kind;
        final String header;
        final Origin origin;
        final List<ConfigEntry> entries = new ArrayList<>();

        SectionBuilder(SectionKind kind, String header, Origin origin) {
            this.kind = kind;
            this.header = ClassicParser.printable(header);
            this.origin = origin;
        }
    }
}
