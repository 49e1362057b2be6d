package io.sluice.core.cli;

import io.sluice.core.config.ConfigEntry;
import io.sluice.core.config.ConfigSection;
import java.nio.file.Path;
import java.util.List;

/**
 * A parsed command line.
 *
 * @param configFile     the {@code -c} file as given, or {@code null}
 * @param sections       the sections {@code -i}, {@code -F}, {@code -o} declared, each with its {@code name} entry
 *                       first and its {@code -p}/{@code -t}/{@code -m} entries after, all from the command line
 * @param serviceEntries service keys set by {@code -f -H -P -L -l -b}, applied before the file's {@code [SERVICE]}
 * @param pluginPaths    extra plugin jars or folders from {@code -e}, in order
 * @param parserFiles    {@code -R} files (checked to exist; sluice runs no parsers)
 * @param logLevel       the level {@code -v}/{@code -q} chose, or {@code null} when neither was given
 * @param quiet          {@code -q}: no banner
 * @param workdir        {@code -w}: the directory relative paths are resolved against, or {@code null}
 * @param dryRun         {@code -D}: validate the configuration and exit
 * @param version        {@code -V}: print versions and exit
 * @param help           {@code -h}: print help and exit
 * @param helpFor        with {@code help}: the plugin section declared just before {@code -h}, or {@code null}
 *                       for the general help
 * @param warnings       things that were ignored, to log once logging is set up
 * @param printChunks    {@code --print-chunk} files: print them and exit
 */
public record CommandLine(String configFile, List<ConfigSection> sections, List<ConfigEntry> serviceEntries,
                          List<Path> pluginPaths, List<Path> parserFiles, String logLevel, boolean quiet,
                          Path workdir, boolean dryRun, boolean version, boolean help, ConfigSection helpFor,
                          List<String> warnings, List<Path> printChunks) {

    /** Copies the lists. */
    public CommandLine {
        sections = List.copyOf(sections);
        serviceEntries = List.copyOf(serviceEntries);
        pluginPaths = List.copyOf(pluginPaths);
        parserFiles = List.copyOf(parserFiles);
        warnings = List.copyOf(warnings);
        printChunks = List.copyOf(printChunks);
    }

    /**
     * Parses {@code args} with GNU getopt_long rules, left to right; parsing stops at {@code -h} or {@code -V}.
     *
     * @throws UsageException with the one-line reason when an option is unknown, misses its argument, or is used
     *                        where it cannot apply
     */
    public static CommandLine parse(String... args) throws UsageException {
        return new CommandLineParser(args).parse();
    }
}
