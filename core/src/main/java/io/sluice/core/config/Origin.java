package io.sluice.core.config;

/**
 * Where a configuration value was written: a file and line, or the command line (line 0).
 *
 * @param file the file's path as the user gave it, or {@code "command line"}
 * @param line the 1-based line, or 0 for the command line
 */
public record Origin(String file, int line) {

    /** The command line as an origin. */
    public static final Origin COMMAND_LINE = new Origin("command line", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
