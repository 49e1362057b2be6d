package io.sluice.core.engine;

import io.sluice.api.event.EventChunk;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encoded events of one input and tag. Appended to by the input's emitter under the input's lock until sealed;
 * immutable afterwards and shared by every output it is routed to; released when the last route is done.
 */
final class Chunk {

    private final long seq;
    private final String id;
    private final InputLane input;
    private final List<OutputLane> routes;
    private final AtomicInteger openRoutes = new AtomicInteger();
    private byte[] data;
    private int size;
    private int records;
    private volatile EventChunk sealed;

    Chunk(long seq, InputLane input, List<OutputLane> routes, byte[] data) {
        this.seq = seq;
        Instant now = Instant.now();
        this.id = seq + "-" + now.getEpochSecond() + "." + String.format("%09d", now.getNano()) + ".flb";
        this.input = input;
        this.routes = routes;
        this.data = data;
    }

    /**
     * What a chunk costs beyond its bytes (this object, its view, its route tasks, its id), counted by back-pressure
     * so that many tiny chunks queued behind a dead output are bounded too.
     */
    static final int OVERHEAD_BYTES = 512;

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
        if (size < data.length / 2) {
            byte[] exact = java.util.Arrays.copyOf(data, size);
            arrays.give(data);
            data = exact;
        }
    }

    /** Freezes the content and sets how many routes must finish before it is released. */
    EventChunk seal() {
        openRoutes.set(routes.size());
        EventChunk view = new EventChunk(id, input.tag(), data, 0, size, records);
        sealed = view;
        return view;
    }

    /** Marks one route done; true when it was the last. */
    boolean routeDone() {
        return openRoutes.decrementAndGet() == 0;
    }

    EventChunk view() {
        return sealed;
    }

    byte[] array() {
        return data;
    }

    long seq() {
        return seq;
    }

    String id() {
        return id;
    }

    InputLane input() {
        return input;
    }

    List<OutputLane> routes() {
        return routes;
    }

    int size() {
        return size;
    }

    int records() {
        return records;
    }
}
