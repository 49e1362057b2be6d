package io.sluice.core.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the files an {@code @INCLUDE} names: a path as given (relative to the working directory), retried against the
 * top-level file's directory; or a {@code *} glob, relative to the top-level file's directory, matches sorted.
 */
final class IncludeResolver {

    /** One file to read, with the name used in messages. */
    record Resolved(String label, Path path) {
    }

    private final Path baseDir;
    private final Path topLevelDir;

    IncludeResolver(Path baseDir, Path topLevelDir) {
        this.baseDir = baseDir;
        this.topLevelDir = topLevelDir;
    }

    List<Resolved> resolve(ClassicStatement.Include include) throws ConfigException {
        String given = include.path();
        try {
            return given.contains("*") ? glob(include) : List.of(new Resolved(given, single(include)));
        } catch (InvalidPathException e) {
            throw new ConfigException(include.origin(), null,
                    "invalid include path '" + ClassicParser.printable(given) + "'");
        }
    }

    private Path single(ClassicStatement.Include include) throws ConfigException {
        Path given = Path.of(include.path());
        Path asGiven = baseDir.resolve(given);
        if (Files.isRegularFile(asGiven)) {
            return asGiven;
        }
        if (!given.isAbsolute()) {
            Path nextToTop = topLevelDir.resolve(given);
            if (Files.isRegularFile(nextToTop)) {
                return nextToTop;
            }
        }
        throw new ConfigException(include.origin(), null,
                "cannot open included file '" + ClassicParser.printable(include.path()) + "'");
    }

    private List<Resolved> glob(ClassicStatement.Include include) throws ConfigException {
        Path pattern = topLevelDir.resolve(include.path()).normalize();
        Path root = pattern.getRoot() == null ? Path.of("") : pattern.getRoot();
        int depth = 0;
        boolean wild = false;
        for (Path part : pattern) {
            if (wild || part.toString().contains("*")) {
                wild = true;
                depth++;
            } else {
                root = root.resolve(part);
            }
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + escapeAllButStar(pattern.toString()));
        List<Resolved> found;
        try (Stream<Path> walk = Files.isDirectory(root) ? Files.walk(root, depth) : Stream.empty()) {
            found = walk.filter(Files::isRegularFile).filter(matcher::matches).sorted()
                    .map(p -> new Resolved(p.toString(), p)).toList();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(include.origin(), null,
                    "cannot list files for '" + ClassicParser.printable(include.path()) + "': " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new ConfigException(include.origin(), null,
                    "no file matches '" + ClassicParser.printable(include.path()) + "'");
        }
        return found;
    }

    private static String escapeAllButStar(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if ("\\?[]{}".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
