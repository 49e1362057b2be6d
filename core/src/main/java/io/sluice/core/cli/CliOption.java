package io.sluice.core.cli;

import java.util.List;

/** The command-line options, with their getopt short letter, long names and help text. */
enum CliOption {
    BUFFER_PATH('b', "PATH", "specify a storage buffering path", "storage_path"),
    CONFIG('c', "FILE", "specify an optional configuration file", "config"),
    DRY_RUN('D', null, "dry run", "dry-run"),
    FLUSH('f', "SECONDS", "flush timeout in seconds (default: 1)", "flush"),
    FILTER('F', "NAME", "set a filter", "filter"),
    INPUT('i', "NAME", "set an input (NAME or NAME://HOST:PORT)", "input"),
    MATCH('m', "MATCH", "set plugin match, same as '-p match=abc'", "match"),
    OUTPUT('o', "NAME", "set an output (NAME or NAME://HOST:PORT/PATH)", "output"),
    PROP('p', "KEY=VAL", "set plugin configuration property", "prop"),
    PARSER('R', "FILE", "specify a parser configuration file", "parser"),
    PLUGIN('e', "PATH", "load an external plugin jar or folder (repeatable)", "plugin"),
    LOG_FILE('l', "FILE", "write log info to a file", "log_file"),
    TAG('t', "TAG", "set plugin tag, same as '-p tag=abc'", "tag"),
    HTTP('H', null, "enable monitoring HTTP server", "http", "http_server"),
    HTTP_LISTEN('L', "ADDR", "set HTTP server listen address (default: 0.0.0.0)", "http_listen"),
    HTTP_PORT('P', "PORT", "set HTTP server TCP port (default: 2020)", "port", "http_port"),
    VERBOSE('v', null, "increase logging verbosity (default: info)", "verbose"),
    WORKDIR('w', "DIR", "set the working directory", "workdir"),
    QUIET('q', null, "quiet mode", "quiet"),
    HELP('h', null, "print this help", "help"),
    HELP_JSON('J', null, "not supported by sluice", "help-json"),
    VERSION('V', null, "show version number", "version"),
    DAEMON('d', null, "not supported by sluice", "daemon"),
    HOT_RELOAD('Y', null, "enable hot reload (SIGHUP and POST /api/v2/reload)", "enable-hot-reload"),
    RELOAD_THREAD_SAFETY('W', null, "accepted for compatibility: sluice's reload never waits on buffered data",
            "disable-thread-safety-on-hot-reload", "disable-thread-safety-on-hot-reloading"),
    PRINT_CHUNK('\0', "FILE", "print chunk or dead-letter files as JSON lines (more files may follow)",
            "print-chunk"),
    CHUNK_TRACE('Z', null, null, "enable-chunk-trace"),
    TRACE('T', "TRACE", null, "trace"),
    SOSREPORT('S', null, null, "sosreport"),
    CORO_STACK('s', "SIZE", null, "coro_stack_size"),
    CUSTOM('C', "NAME", null, "custom"),
    PROCESSOR('r', "NAME", null, "processor");

    private final char letter;
    private final String argument;
    private final String help;
    private final List<String> longNames;

    CliOption(char letter, String argument, String help, String... longNames) {
        this.letter = letter;
        this.argument = argument;
        this.help = help;
        this.longNames = List.of(longNames);
    }

    char letter() {
        return letter;
    }

    boolean takesArgument() {
        return argument != null;
    }

    /** The label of its argument in help, or {@code null}. */
    String argument() {
        return argument;
    }

    /** Its help line, or {@code null} for options sluice does not offer. */
    String help() {
        return help;
    }

    List<String> longNames() {
        return longNames;
    }
}
