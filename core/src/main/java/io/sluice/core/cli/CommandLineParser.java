package io.sluice.core.cli;

import io.sluice.core.config.LogLevels;
import io.sluice.core.config.SectionKind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** getopt_long over {@link CliOption}: bundled short flags, attached or separate arguments, {@code --opt=value}. */
final class CommandLineParser {

    private static final int INFO = LogLevels.ORDERED.indexOf("info");

    private final String[] args;
    private final CommandLineBuilder state = new CommandLineBuilder();
    private int next;

    CommandLineParser(String[] args) {
        this.args = args.clone();
    }

    CommandLine parse() throws UsageException {
        while (next < args.length && !state.finished()) {
            String arg = args[next++];
            if (arg.equals("--")) {
                if (next < args.length) {
                    throw new UsageException("unexpected argument '" + args[next] + "'");
                }
                break;
            } else if (arg.startsWith("--")) {
                parseLong(arg.substring(2));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                parseShortGroup(arg);
            } else if (!state.printChunks.isEmpty()) {
                state.printChunks.add(path(arg, "--print-chunk"));
            } else {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
        }
        return state.build();
    }

    private void parseLong(String text) throws UsageException {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        CliOption option = findLong(name);
        String value = null;
        if (option.takesArgument()) {
            if (eq >= 0) {
                value = text.substring(eq + 1);
            } else if (next < args.length) {
                value = args[next++];
            } else {
                throw new UsageException("option '--" + name + "' requires an argument");
            }
        } else if (eq >= 0) {
            throw new UsageException("option '--" + name + "' doesn't allow an argument");
        }
        apply(option, value);
    }

    private static CliOption findLong(String name) throws UsageException {
        CliOption prefixMatch = null;
        int prefixMatches = 0;
        for (CliOption option : CliOption.values()) {
            for (String longName : option.longNames()) {
                if (longName.equals(name)) {
                    return option;
                }
                if (!name.isEmpty() && longName.startsWith(name) && option != prefixMatch) {
                    prefixMatch = option;
                    prefixMatches++;
                }
            }
        }
        if (prefixMatches == 1) {
            return prefixMatch;
        }
        throw new UsageException(prefixMatches > 1 ? "option '--" + name + "' is ambiguous"
                : "unrecognized option '--" + name + "'");
    }

    private void parseShortGroup(String arg) throws UsageException {
        for (int i = 1; i < arg.length() && !state.finished(); i++) {
            char letter = arg.charAt(i);
            CliOption option = findShort(letter);
            if (!option.takesArgument()) {
                apply(option, null);
                continue;
            }
            if (i + 1 < arg.length()) {
                apply(option, arg.substring(i + 1));
            } else if (next < args.length) {
                apply(option, args[next++]);
            } else {
                throw new UsageException("option requires an argument -- '" + letter + "'");
            }
            return;
        }
    }

    private static CliOption findShort(char letter) throws UsageException {
        for (CliOption option : CliOption.values()) {
            if (option.letter() == letter && letter != '\0') {
                return option;
            }
        }
        throw new UsageException("invalid option -- '" + letter + "'");
    }

    private void apply(CliOption option, String value) throws UsageException {
        switch (option) {
            case CONFIG -> state.configFile = value;
            case INPUT -> state.declare(SectionKind.INPUT, value);
            case FILTER -> state.declare(SectionKind.FILTER, value);
            case OUTPUT -> state.declare(SectionKind.OUTPUT, value);
            case PROP -> prop(value);
            case TAG -> state.addToLast("-t", "tag", value);
            case MATCH -> match(value);
            case FLUSH -> state.service("flush", value);
            case HTTP -> state.service("http_server", "on");
            case HTTP_PORT -> state.service("http_port", value);
            case HTTP_LISTEN -> state.service("http_listen", value);
            case LOG_FILE -> state.service("log_file", value);
            case BUFFER_PATH -> state.service("storage.path", value);
            case PLUGIN -> state.pluginPaths.add(existing(value, "-e", "plugin jar or folder"));
            case HOT_RELOAD -> state.service("hot_reload", "on");
            case RELOAD_THREAD_SAFETY -> state.warnings.add("[config] -W has no effect: sluice's reload never "
                    + "waits on buffered data");
            case PRINT_CHUNK -> state.printChunks.add(path(value, "--print-chunk"));
            case PARSER -> parser(value);
            case WORKDIR -> {
                Path dir = path(value, "-w");
                if (!Files.isDirectory(dir)) {
                    throw new UsageException("working directory '" + value + "' (-w) does not exist");
                }
                state.workdir = dir;
            }
            case VERBOSE -> state.logLevel = Math.min(LogLevels.ORDERED.size() - 1,
                    (state.logLevel < 0 ? INFO : state.logLevel) + 1);
            case QUIET -> {
                // quiet hides the banner and everything below error, never the errors themselves
                state.logLevel = LogLevels.ORDERED.indexOf("error");
                state.quiet = true;
            }
            case DRY_RUN -> state.dryRun = true;
            case VERSION -> state.version = true;
            case HELP -> state.help = true;
            case HELP_JSON -> throw new UsageException(
                    "option -J (--help-json) is not supported: sluice prints help as text only (-h)");
            case DAEMON -> throw new UsageException(
                    "option -d (--daemon) is not supported: run sluice under a service manager instead");
            default -> throw new UsageException("option -" + option.letter() + " (--" + option.longNames().get(0)
                    + ") is not supported by sluice");
        }
    }

    private void prop(String value) throws UsageException {
        int eq = value.indexOf('=');
        if (eq < 0) {
            state.requireSection("-p");
            state.warnings.add("[config] -p '" + value + "' has no '=' and is ignored");
            return;
        }
        String key = value.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        state.addToLast("-p", key, value.substring(eq + 1).trim());
    }

    private void match(String value) throws UsageException {
        state.requireSection("-m");
        if (state.lastKind() == SectionKind.INPUT) {
            state.warnings.add("[config] -m '" + value + "' ignored: a match applies to filters and outputs");
            return;
        }
        state.addToLast("-m", "match", value);
    }

    private void parser(String value) throws UsageException {
        Path path = path(value, "-R");
        Path resolved = state.workdir == null ? path : state.workdir.resolve(path);
        if (!Files.isRegularFile(resolved)) {
            throw new UsageException("parser file '" + value + "' does not exist");
        }
        state.parserFiles.add(path);
        state.warnings.add("[config] parser file '" + value + "' is not used: sluice runs no parsers");
    }

    private Path existing(String value, String option, String what) throws UsageException {
        Path path = path(value, option);
        Path resolved = state.workdir == null ? path : state.workdir.resolve(path);
        if (!Files.exists(resolved)) {
            throw new UsageException(what + " '" + value + "' (" + option + ") does not exist");
        }
        return resolved;
    }

    private static Path path(String value, String option) throws UsageException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("invalid path for " + option + ": '" + value + "'");
        }
    }
}
