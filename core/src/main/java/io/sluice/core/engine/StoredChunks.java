package io.sluice.core.engine;

import io.sluice.api.EventChunk;
import io.sluice.core.log.SuppressingLog;
import io.sluice.core.storage.ChunkLoader;
import io.sluice.core.storage.LoadedChunk;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a "down" chunk back from its file, on the output worker that flushes it. */
final class StoredChunks {

    private static final Logger LOG = LoggerFactory.getLogger("storage");
    private static final SuppressingLog PROBLEMS = new SuppressingLog(LOG, 10_000);

    private StoredChunks() {
    }

    /**
     * The chunk's events from its file, or {@code null} when they cannot be read (the file is gone or unreadable:
     * logged; the caller reports the flush as an ERROR, which counts the records as dropped). A file damaged since it
     * was written yields what is left of it, with a line saying what was lost. The events are read into an array
     * the chunk lends from the pool: give it back with {@link Chunk#returnReadBuffer} once the flush is over.
     */
    static EventChunk readBack(Chunk chunk) {
        LoadedChunk loaded;
        try {
            loaded = ChunkLoader.load(chunk.file(), ChunkLoader.DEFAULT_MAX_BYTES, chunk::readBuffer);
        } catch (IOException e) {
            PROBLEMS.error("read", chunk.file().toString(), "cannot read chunk file {} back: {}", chunk.file(),
                    e.toString());
            return null;
        }
        if (!loaded.status().readable()) {
            PROBLEMS.error("unreadable", chunk.file().toString(), "chunk file {} cannot be read back: {}",
                    chunk.file(), loaded.describe());
            return null;
        }
        if (loaded.records() != chunk.records()) {
            PROBLEMS.warn("damaged", chunk.file().toString(), "chunk file {} holds {} of its {} records: {}",
                    chunk.file(), loaded.records(), chunk.records(), loaded.describe());
        }
        return new EventChunk(chunk.id(), chunk.tag(), loaded.events(), 0, loaded.eventsLength(),
                (int) loaded.records());
    }
}
