package io.sluice.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Parses the text of one classic configuration file into statements, checking the line grammar and the file's
 * indentation unit. Pure: it never touches the file system, so includes are left for {@link ClassicConfigReader}.
 */
public final class ClassicParser {

    private static final String INVALID_INDENT = "invalid indentation level: ";

    private final String file;
    private final Consumer<String> warnings;
    private String indentUnit;

    private ClassicParser(String file, Consumer<String> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    /** The statements of {@code text}, read as the file called {@code file} (used in origins). */
    public static List<ClassicStatement> parse(String file, String text, Consumer<String> warnings)
            throws ConfigException {
        return new ClassicParser(file, warnings).parseAll(text);
    }

    private List<ClassicStatement> parseAll(String text) throws ConfigException {
        List<ClassicStatement> statements = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            ClassicStatement statement = parseLine(line, new Origin(file, i + 1));
            if (statement != null) {
                statements.add(statement);
            }
        }
        return statements;
    }

    private ClassicStatement parseLine(String line, Origin origin) throws ConfigException {
        if (line.isBlank()) {
            return null;
        }
        char first = line.charAt(0);
        if (first == '#') {
            return null;
        }
        if (first == '@') {
            return parseCommand(line, origin);
        }
        if (first == '[') {
            int close = line.indexOf(']');
            if (close < 0) {
                throw new ConfigException(origin, null, "bad header definition");
            }
            return new ClassicStatement.Header(line.substring(1, close).trim(), origin);
        }
        if (!isBlank(first)) {
            throw new ConfigException(origin, keyOf(line), "entry must be indented");
        }
        String rest = line.substring(checkIndent(line, origin));
        if (rest.charAt(0) == '#') {
            return null;
        }
        return new ClassicStatement.Entry(parseEntry(rest, origin));
    }

    private ClassicStatement parseCommand(String line, Origin origin) throws ConfigException {
        int space = line.indexOf(' ');
        String command = (space < 0 ? line.substring(1) : line.substring(1, space)).toUpperCase(Locale.ROOT);
        String args = space < 0 ? "" : line.substring(space + 1);
        switch (command) {
            case "INCLUDE":
                if (args.isBlank()) {
                    throw new ConfigException(origin, null, "@INCLUDE needs a file path");
                }
                return new ClassicStatement.Include(args, origin);
            case "SET":
                return parseSet(args, origin);
            default:
                warnings.accept("[config] " + origin + ": unknown command '@" + printable(command) + "' ignored");
                return null;
        }
    }

    private ClassicStatement parseSet(String args, Origin origin) throws ConfigException {
        int eq = args.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(origin, null, "@SET expects NAME=VALUE");
        }
        String rawName = args.substring(0, eq);
        String rawValue = args.substring(eq + 1);
        String name = rawName.trim();
        String value = rawValue.trim();
        if (name.isEmpty()) {
            throw new ConfigException(origin, null, "@SET expects NAME=VALUE");
        }
        if (!name.equals(rawName) || !value.equals(rawValue)) {
            warnings.accept("[config] " + origin + ": spaces around '=' in @SET " + name + " were removed");
        }
        return new ClassicStatement.SetVariable(name, value, origin);
    }

    /** Checks the leading whitespace against the file's unit and returns where the content starts. */
    private int checkIndent(String line, Origin origin) throws ConfigException {
        int content = 0;
        while (isBlank(line.charAt(content))) {
            content++;
        }
        if (indentUnit == null) {
            indentUnit = line.substring(0, content);
            return content;
        }
        String key = keyOf(line.substring(content));
        int unit = indentUnit.length();
        for (int i = 0; i < unit; i++) {
            if (i >= content) {
                throw new ConfigException(origin, key, INVALID_INDENT + "indentation level is too low");
            }
            if (line.charAt(i) != indentUnit.charAt(i)) {
                throw new ConfigException(origin, key, INVALID_INDENT + "inconsistent use of tab and space");
            }
        }
        if (content == unit || line.substring(unit, content).equals(indentUnit)) {
            return content;
        }
        throw new ConfigException(origin, key, INVALID_INDENT + "extra indentation level found");
    }

    private static ConfigEntry parseEntry(String rest, Origin origin) throws ConfigException {
        int space = rest.indexOf(' ');
        String key = (space < 0 ? rest : rest.substring(0, space)).trim().toLowerCase(Locale.ROOT);
        if (space < 0) {
            throw new ConfigException(origin, printable(key),
                    "undefined value - check config is in valid classic format");
        }
        String value = rest.substring(space + 1).trim();
        if (value.isEmpty()) {
            throw new ConfigException(origin, printable(key), "key has an empty value");
        }
        return new ConfigEntry(key, value, origin);
    }

    private static String keyOf(String text) {
        String trimmed = text.strip();
        int space = trimmed.indexOf(' ');
        String key = space < 0 ? trimmed : trimmed.substring(0, space);
        return key.isEmpty() ? null : printable(key.toLowerCase(Locale.ROOT));
    }

    /** The text with control characters replaced, so an error message stays on one line. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
