package io.sluice.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the files an {@code includes} entry names, relative to the directory of the file holding it ({@code *}
 * globs sorted), and makes sure no file is read twice: files are compared by their canonical real path, so
 * {@code a.yaml} and {@code ./a.yaml} are one file (Fluent Bit compares the text and recurses on a self-include).
 */
final class YamlIncludes {

    /** One file to read: its path, and its name in origins (the path it was reached by, normalised). */
    record File(String label, Path path) {
    }

    private final int maxFiles;
    private final Set<Path> read = new HashSet<>();

    YamlIncludes(int maxFiles) {
        this.maxFiles = maxFiles;
    }

    /** Records the top-level file, so that including it is refused too. */
    void top(Path path) {
        read.add(realPath(path));
    }

    /** The files {@code entry} names, in the order to read them; each is {@link #claim claimed} just before. */
    List<Path> resolve(YamlValue.Scalar entry, Path includingFile) throws ConfigException {
        Path dir = includingFile.getParent() == null ? Path.of("") : includingFile.getParent();
        if (!entry.text().contains("*")) {
            return List.of(single(dir, entry));
        }
        List<Path> paths = new ArrayList<>();
        for (IncludeResolver.Resolved match : new IncludeResolver(dir, dir)
                .resolve(new ClassicStatement.Include(entry.text(), entry.origin()))) {
            paths.add(match.path());
        }
        return paths;
    }

    /** The file a non-glob entry names, which must exist: the message says where it was looked for. */
    private static Path single(Path dir, YamlValue.Scalar entry) throws ConfigException {
        String shown = ClassicParser.printable(entry.text());
        Path path;
        try {
            path = dir.resolve(entry.text());
        } catch (InvalidPathException e) {
            throw new ConfigException(entry.origin(), null, "invalid include path '" + shown + "'");
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(entry.origin(), null, "cannot open included file '" + shown + "': "
                    + path.toAbsolutePath() + (Files.exists(path) ? " is not a regular file" : " does not exist"));
        }
        return path;
    }

    /** {@code path}, named by {@code entry}, as a file to read now: refused when it was read before. */
    File claim(YamlValue.Scalar entry, Path path) throws ConfigException {
        String label = path.normalize().toString();
        if (!read.add(realPath(path))) {
            String shown = entry.text().contains("*") ? label : entry.text();
            throw new ConfigException(entry.origin(), null, "file '" + ClassicParser.printable(shown)
                    + "' is already included");
        }
        if (read.size() > maxFiles) {
            throw new ConfigException(entry.origin(), null, "too many included files (at most " + maxFiles + ")");
        }
        return new File(label, path);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
