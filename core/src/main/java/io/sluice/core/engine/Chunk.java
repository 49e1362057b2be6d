package io.sluice.core.engine;

import io.sluice.api.EventChunk;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encoded events of one input and tag. Appended to by the input's emitter under the input's lock until sealed;
 * immutable afterwards and shared by every output it is routed to; released when the last route is done. A chunk of
 * a filesystem input also lives in a file ({@link #stored()}), written before each batch counts; such a chunk may be
 * "down": its bytes dropped from memory and read back from the file by each output worker that flushes it.
 */
final class Chunk {

    /**
     * What a chunk costs beyond its bytes (this object, its view, its route tasks, its id), counted by back-pressure
     * so that many tiny chunks queued behind a dead output are bounded too.
     */
    static final int OVERHEAD_BYTES = 512;

    private final long seq;
    private final String id;
    private final InputLane input;
    private final String inputName;
    private final String tag;
    private List<OutputLane> routes;
    private final AtomicInteger openRoutes = new AtomicInteger();
    private byte[] data;
    /** Where the arrays its events are read back into come from, once it went down. */
    private volatile ChunkArrays arrays;
    private int size;
    private int records;
    private StoredChunk stored;
    private boolean writing;
    private boolean countedUp;
    private volatile boolean down;
    private volatile EventChunk sealed;

    Chunk(long seq, InputLane input, String tag, List<OutputLane> routes, byte[] data) {
        this(seq, input, input == null ? "?" : input.name(), tag, routes, data);
    }

    Chunk(long seq, InputLane input, String inputName, String tag, List<OutputLane> routes, byte[] data) {
        this.seq = seq;
        Instant now = Instant.now();
        this.id = seq + "-" + now.getEpochSecond() + "." + String.format("%09d", now.getNano()) + ".flb";
        this.input = input;
        this.inputName = inputName;
        this.tag = tag;
        this.routes = routes;
        this.data = data;
    }

    /** A chunk read back from a file at start-up: sealed already, its events in {@code events[0, length)}. */
    static Chunk fromBacklog(long seq, String inputName, String tag, List<OutputLane> routes, byte[] events,
                             int length, int records, StoredChunk stored) {
        Chunk chunk = new Chunk(seq, null, inputName, tag, routes, events);
        chunk.size = length;
        chunk.records = records;
        chunk.stored = stored;
        return chunk;
    }

    /** Copies one batch in; grows through {@code arrays}, one size class at a time, when it does not fit. */
    void append(byte[] src, int offset, int length, int count, ChunkArrays arrays) {
        if (size + length > data.length) {
            byte[] bigger = arrays.take(size + length, false);
            System.arraycopy(data, 0, bigger, 0, size);
            arrays.give(data);
            data = bigger;
        }
        System.arraycopy(src, offset, data, size, length);
        size += length;
        records += count;
    }

    /**
     * Before sealing: moves content that fills less than half of its array into an array of its own size, giving the
     * big one back. Back-pressure counts bytes written, so this is what keeps the heap of sealed chunks within twice
     * the limit: without it a quiet input's small chunks, queued behind a dead output, would each hold a 64 KiB or
     * 2 MB array while counting a few hundred bytes.
     */
    void compact(ChunkArrays arrays) {
        if (data != null && size < data.length / 2) {
            byte[] exact = java.util.Arrays.copyOf(data, size);
            arrays.give(data);
            data = exact;
        }
    }

    /** Freezes the content and sets how many routes must finish before it is released. */
    EventChunk seal() {
        openRoutes.set(routes.size());
        EventChunk view = data == null ? null : new EventChunk(id, tag, data, 0, size, records);
        sealed = view;
        return view;
    }

    /** Drops the bytes from memory; outputs read them back from the file. Only for a stored, sealed chunk. */
    void goDown(ChunkArrays arrays) {
        if (stored == null || down) {
            return;
        }
        down = true;
        this.arrays = arrays;
        sealed = null;
        if (data != null) {
            arrays.give(data);
        }
        data = null;
    }

    /** An array of at least {@code bytes} to read this chunk back into, from the pool when it has one. */
    byte[] readBuffer(int bytes) {
        ChunkArrays pool = arrays;
        return pool == null ? new byte[bytes] : pool.take(bytes, false);
    }

    /** Gives back an array {@link #readBuffer} lent, once the flush that read the chunk back is over. */
    void returnReadBuffer(byte[] array) {
        ChunkArrays pool = arrays;
        if (pool != null) {
            pool.give(array);
        }
    }

    /** Marks one route done; true when it was the last. */
    boolean routeDone() {
        return openRoutes.decrementAndGet() == 0;
    }

    /** Routes not finished yet. */
    int openRoutes() {
        return openRoutes.get();
    }

    /** The in-memory view, or {@code null} when the chunk is down. */
    EventChunk view() {
        return sealed;
    }

    boolean isDown() {
        return down;
    }

    /** The array holding the bytes, or {@code null} when down. */
    byte[] array() {
        return data;
    }

    long seq() {
        return seq;
    }

    String id() {
        return id;
    }

    /** The input lane, or {@code null} for a chunk read back from the backlog. */
    InputLane input() {
        return input;
    }

    /** The input's instance name (for a backlog chunk, the one that wrote it). */
    String inputName() {
        return inputName;
    }

    String tag() {
        return tag;
    }

    /** The outputs the chunk goes to: decided when it is sealed (so a reload in between routes it anew). */
    List<OutputLane> routes() {
        return routes;
    }

    void routes(List<OutputLane> outputs) {
        routes = outputs;
    }

    /** One more route, added by a reload that moved a task to another output (engine thread). */
    void addRoute() {
        openRoutes.incrementAndGet();
    }

    int size() {
        return size;
    }

    int records() {
        return records;
    }

    /** The chunk's file, or {@code null} for a memory chunk. */
    StoredChunk stored() {
        return stored;
    }

    void stored(StoredChunk file) {
        stored = file;
    }

    /** Whether a batch is being written to the file right now (guarded by the input lane's lock). */
    boolean isWriting() {
        return writing;
    }

    void writing(boolean inProgress) {
        writing = inProgress;
    }

    /** Whether the chunk is counted in the engine's budget of stored chunks in memory (engine thread only). */
    boolean countedUp() {
        return countedUp;
    }

    void countedUp(boolean counted) {
        countedUp = counted;
    }

    /** Where the file is, for messages; null for a memory chunk. */
    Path file() {
        return stored == null ? null : stored.path();
    }
}
