package io.sluice.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * How the tcp input buffers its chunks in a run: in memory (sluice's default), or {@code storage.type filesystem}
 * under a fresh {@code storage.path} with {@code storage.sync normal} or {@code full}.
 */
enum Storage {
    MEMORY("memory", null),
    NORMAL("fs-normal", "normal"),
    FULL("fs-full", "full");

    private final String label;
    private final String sync;

    Storage(String label, String sync) {
        this.label = label;
        this.sync = sync;
    }

    /** The name on the command line ({@code --storage memory,normal,full}). */
    static Storage parse(String text) {
        return switch (text.trim()) {
            case "memory" -> MEMORY;
            case "normal" -> NORMAL;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("--storage takes memory, normal or full, not " + text);
        };
    }

    /** The name in combination labels and rows: memory, fs-normal, fs-full. */
    String label() {
        return label;
    }

    boolean onDisk() {
        return sync != null;
    }

    /** {@code storage.type} of the input: memory or filesystem. */
    String type() {
        return onDisk() ? "filesystem" : "memory";
    }

    /** {@code storage.sync}; "normal" (sluice's default, unused) in memory. */
    String sync() {
        return onDisk() ? sync : "normal";
    }

    /** The [SERVICE] lines this storage needs, with {@code path} as storage.path; none in memory. */
    String serviceLines(Path path) {
        return onDisk()
                ? "    storage.path " + path + "\n" + "    storage.sync " + sync + "\n"
                : "";
    }

    /** The [INPUT] line this storage needs; none in memory (the default). */
    String inputLines() {
        return onDisk() ? "    storage.type filesystem\n" : "";
    }

    /** A new, empty storage.path for one run under {@code work}; null in memory. */
    Path freshPath(Path work, String runName) throws IOException {
        return onDisk() ? Files.createTempDirectory(work, runName + "-storage-") : null;
    }

    /** Deletes a run's storage.path and everything left in it (nothing, when every chunk was delivered). */
    static void delete(Path path) {
        if (path == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + path + ": " + e);
        }
    }
}
