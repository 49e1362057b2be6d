package io.sluice.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes chunks that an output rejected for good (ERROR, retries spent, undelivered at shutdown) to
 * {@code <storage.path>/<storage.rejected.path>/<output-instance>/<tag>-<epoch-millis>-<chunk-seq>.msgpack}, holding
 * the chunk's bytes as they are: Fluent Bit's msgpack event stream. Disabled unless {@code storage.path} is set and
 * {@code storage.keep.rejected} is on.
 */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger("engine");

    private final Path folder;
    private final long limit;
    private long used = -1;
    private boolean warnedNearLimit;

    /**
     * @param folder the rejected-chunk folder, or {@code null} when dead letters are off
     * @param limit  {@code storage.rejected.limit}: bytes the folder may hold, 0 for no limit
     */
    DeadLetters(Path folder, long limit) {
        this.folder = folder;
        this.limit = limit;
    }

    /** Whether {@code bytes} more fit under the limit; warns once at 90 %. */
    private boolean fits(long bytes) {
        if (limit <= 0) {
            return true;
        }
        if (used < 0) {
            used = 0;
            try (var files = Files.walk(folder)) {
                used = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable folder counts as empty; writing will say more
            }
        }
        if (used + bytes > limit) {
            return false;
        }
        if (!warnedNearLimit && used + bytes >= limit * 9 / 10) {
            warnedNearLimit = true;
            LOG.warn("the dead-letter folder {} holds {} of its storage.rejected.limit of {} bytes", folder,
                    used + bytes, limit);
        }
        return true;
    }

    boolean enabled() {
        return folder != null;
    }

    /**
     * Writes a chunk's events ({@code data[offset, offset+length)}) for {@code output}; returns the file, or
     * {@code null} when off or when writing failed. Disk I/O: never on the engine thread.
     */
    Path write(String output, String tag, long seq, String id, byte[] data, int offset, int length) {
        if (folder == null) {
            return null;
        }
        if (!fits(length)) {
            LOG.error("chunk '{}' ({} bytes) is not written to the dead-letter folder {}: it would pass "
                    + "storage.rejected.limit of {} bytes", id, length, folder, limit);
            return null;
        }
        Path dir = folder.resolve(safe(output));
        Path file = dir.resolve(safe(tag) + "-" + System.currentTimeMillis() + "-" + seq + ".msgpack");
        try {
            Files.createDirectories(dir);
            try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(data, offset, length);
            }
            used += length;
            return file;
        } catch (IOException e) {
            LOG.error("cannot write rejected chunk '{}' to {}: {}", id, file, e.toString());
            return null;
        }
    }

    /** Keeps file names to letters, digits, dot, dash and underscore: tags may hold anything. */
    private static String safe(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        return sb.length() == 0 || sb.charAt(0) == '.' ? "_" + sb : sb.toString();
    }
}
