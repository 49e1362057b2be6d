package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Emitter;
import io.sluice.api.event.Event;
import io.sluice.api.event.EventDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** An engine stand-in that decodes every emitted batch, checks its count and keeps the events. */
final class RecordingEmitter implements Emitter {

    private final List<Event> events = new ArrayList<>();
    private volatile Consumer<Integer> afterEmit = n -> { };
    private volatile Thread emitterThread;

    @Override
    public void emit(byte[] data, int offset, int length, int records) {
        List<Event> batch = EventDecoder.decode(data, offset, length);
        assertThat(batch).hasSize(records);
        synchronized (this) {
            events.addAll(batch);
        }
        emitterThread = Thread.currentThread();
        afterEmit.accept(records);
    }

    /** Runs {@code action} with the size of every batch, on the emitting thread, after it is recorded. */
    void afterEmit(Consumer<Integer> action) {
        afterEmit = action;
    }

    synchronized List<Map<String, Object>> bodies() {
        return events.stream().map(Event::body).toList();
    }

    synchronized int count() {
        return events.size();
    }

    Thread emitterThread() {
        return emitterThread;
    }
}
