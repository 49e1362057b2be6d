package io.sluice.testkit;

import io.sluice.api.Emitter;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An engine stand-in for input tests: decodes every emitted batch, checks its record count and keeps the events with
 * their tags.
 */
public final class RecordingEmitter implements Emitter {

    private final List<Event> events = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private volatile String defaultTag = "test";
    private volatile Consumer<Integer> afterEmit = n -> { };
    private volatile Thread emitterThread;

    void defaultTag(String tag) {
        defaultTag = tag;
    }

    @Override
    public void emit(byte[] data, int offset, int length, int records) {
        emit(defaultTag, data, offset, length, records);
    }

    @Override
    public void emit(String tag, byte[] data, int offset, int length, int records) {
        List<Event> batch = EventDecoder.decode(data, offset, length);
        if (batch.size() != records) {
            throw new AssertionError("emitted " + records + " records but the bytes hold " + batch.size());
        }
        synchronized (this) {
            events.addAll(batch);
            batch.forEach(e -> tags.add(tag));
        }
        emitterThread = Thread.currentThread();
        afterEmit.accept(records);
    }

    /** Runs {@code action} with the size of every batch, on the emitting thread, after the batch is kept. */
    public void afterEmit(Consumer<Integer> action) {
        afterEmit = action;
    }

    /** Every event emitted so far, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The tag of every event emitted so far, in order. */
    public synchronized List<String> tags() {
        return List.copyOf(tags);
    }

    /** The bodies of every event emitted so far, in order. */
    public synchronized List<Map<String, Object>> bodies() {
        return events.stream().map(Event::body).toList();
    }

    /** The body of the only event emitted so far; fails if there is not exactly one. */
    public synchronized Map<String, Object> onlyRecord() {
        if (events.size() != 1) {
            throw new AssertionError("expected one record, got " + events.size() + ": " + events);
        }
        return events.get(0).body();
    }

    /** How many events were emitted so far. */
    public synchronized int count() {
        return events.size();
    }

    /** The thread of the latest emit, or null before the first. */
    public Thread emitterThread() {
        return emitterThread;
    }
}
