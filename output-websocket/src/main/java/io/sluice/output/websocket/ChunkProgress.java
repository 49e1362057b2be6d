package io.sluice.output.websocket;

import io.sluice.api.EventChunk;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The records of chunks whose delivery was cut short after the server confirmed some of them, so that core's retry of
 * the chunk (on any worker) sends only the rest instead of duplicating what arrived. A chunk is recognised by its id,
 * tag, length and record count, and its bytes are checked (CRC32C) before anything is skipped. Holds at most
 * {@link #MAX_CHUNKS} chunks (those core gave up on are forgotten as newer ones come); thread-safe.
 */
final class ChunkProgress {

    static final int MAX_CHUNKS = 256;

    private record Key(String id, String tag, int length, int records) {
        static Key of(EventChunk chunk) {
            return new Key(chunk.id(), chunk.tag(), chunk.length(), chunk.records());
        }
    }

    private record Entry(long crc, int confirmed) {
    }

    private final Map<Key, Entry> chunks = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > MAX_CHUNKS;
        }
    };

    /** How many leading records of {@code chunk} an earlier attempt delivered (0 for a chunk seen the first time). */
    int confirmed(EventChunk chunk) {
        Entry entry;
        synchronized (this) {
            if (chunks.isEmpty()) {
                return 0;
            }
            entry = chunks.get(Key.of(chunk));
        }
        if (entry == null) {
            return 0;
        }
        if (entry.crc() != crc(chunk)) {
            forget(chunk);
            return 0;
        }
        return entry.confirmed();
    }

    /** Remembers that the first {@code confirmed} records of {@code chunk} were delivered. */
    void remember(EventChunk chunk, int confirmed) {
        if (confirmed <= 0) {
            forget(chunk);
            return;
        }
        long crc = crc(chunk);
        synchronized (this) {
            chunks.put(Key.of(chunk), new Entry(crc, confirmed));
        }
    }

    /** The chunk is done (delivered or given up): nothing to remember. */
    void forget(EventChunk chunk) {
        synchronized (this) {
            if (!chunks.isEmpty()) {
                chunks.remove(Key.of(chunk));
            }
        }
    }

    synchronized int size() {
        return chunks.size();
    }

    private static long crc(EventChunk chunk) {
        CRC32C crc = new CRC32C();
        crc.update(chunk.data(), chunk.offset(), chunk.length());
        return crc.getValue();
    }
}
