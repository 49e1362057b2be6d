package io.sluice.core.cli;

import io.sluice.core.config.ConfigEntry;
import io.sluice.core.config.ConfigSection;
import io.sluice.core.config.LogLevels;
import io.sluice.core.config.Origin;
import io.sluice.core.config.SectionKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the options parsed so far have said; becomes a {@link CommandLine}. */
final class CommandLineBuilder {

    String configFile;
    final List<SectionBuilder> sections = new ArrayList<>();
    final List<ConfigEntry> serviceEntries = new ArrayList<>();
    final List<Path> pluginPaths = new ArrayList<>();
    final List<Path> parserFiles = new ArrayList<>();
    final List<Path> printChunks = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    int logLevel = -1;
    boolean quiet;
    Path workdir;
    boolean dryRun;
    boolean version;
    boolean help;

    boolean finished() {
        return help || version;
    }

    void declare(SectionKind kind, String name) {
        SectionBuilder section = new SectionBuilder(kind);
        section.entries.add(new ConfigEntry("name", name.trim(), Origin.COMMAND_LINE));
        sections.add(section);
    }

    void requireSection(String option) throws UsageException {
        if (sections.isEmpty()) {
            throw new UsageException(option + " must follow the -i, -F or -o it applies to");
        }
    }

    SectionKind lastKind() {
        return sections.get(sections.size() - 1).kind;
    }

    void addToLast(String option, String key, String value) throws UsageException {
        requireSection(option);
        sections.get(sections.size() - 1).entries.add(new ConfigEntry(key, value, Origin.COMMAND_LINE));
    }

    void service(String key, String value) {
        serviceEntries.add(new ConfigEntry(key, value, Origin.COMMAND_LINE));
    }

    CommandLine build() {
        List<ConfigSection> built = sections.stream()
                .map(s -> new ConfigSection(s.kind, s.entries, Origin.COMMAND_LINE)).toList();
        ConfigSection helpFor = help && !built.isEmpty() ? built.get(built.size() - 1) : null;
        return new CommandLine(configFile, built, serviceEntries, pluginPaths, parserFiles,
                logLevel < 0 ? null : LogLevels.ORDERED.get(logLevel), quiet, workdir, dryRun, version, help,
                helpFor, warnings, printChunks);
    }

    private static final class SectionBuilder {
        final SectionKind kind;
        final List<ConfigEntry> entries = new ArrayList<>();

        SectionBuilder(SectionKind kind) {
            this.kind = kind;
        }
    }
}
