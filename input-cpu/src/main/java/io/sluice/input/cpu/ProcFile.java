package io.sluice.input.cpu;

import java.io.Closeable;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Arrays;

/**
 * One {@code /proc} file read whole into a reused byte array. The file stays open between reads and is re-read from
 * offset 0, which makes procfs regenerate its content (as {@code top} does), so a read allocates nothing. A failed
 * read closes the file; the next read opens it again, which is how a process that took over a PID is found.
 */
final class ProcFile implements Closeable {

    private static final int MAX_SIZE = 16 * 1024 * 1024;

    private final File file;
    private RandomAccessFile open;
    private byte[] bytes = new byte[8192];
    private int length;

    ProcFile(File file) {
        this.file = file;
    }

    /** Reads the whole file again; its bytes are then {@code bytes()[0, length())}. Failures name the file. */
    void read() throws IOException {
        try {
            if (open == null) {
                open = new RandomAccessFile(file, "r");
            }
            open.seek(0);
            int n = 0;
            while (true) {
                if (n == bytes.length) {
                    if (bytes.length >= MAX_SIZE) {
                        throw new IOException("more than " + MAX_SIZE + " bytes");
                    }
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
                int r = open.read(bytes, n, bytes.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            length = n;
        } catch (FileNotFoundException e) {
            length = 0;
            close();
            throw e;
        } catch (IOException e) {
            length = 0;
            close();
            throw new IOException(file.getPath() + " (" + e.getMessage() + ")", e);
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** The path, for messages. */
    String path() {
        return file.getPath();
    }

    @Override
    public void close() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // a read-only procfs handle has nothing to flush; the descriptor is released either way
            }
            open = null;
        }
    }
}
