package io.sluice.core.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The few file operations a {@link ChunkWriter} needs, so that tests can stand in for the disk (fail a write after N
 * bytes, fail a force) and watch what is forced. Writes always go to the end of the file.
 */
public interface ChunkChannel extends Closeable {

    /** Appends from {@code sources} in one gathering write; may write fewer bytes than remain (returns how many). */
    long write(ByteBuffer[] sources) throws IOException;

    /** Forces the file's data (not necessarily its other metadata) to the device: {@code fdatasync}. */
    void force() throws IOException;

    /** Cuts the file to {@code size} bytes. */
    void truncate(long size) throws IOException;

    /** The file's current size. */
    long size() throws IOException;
}
