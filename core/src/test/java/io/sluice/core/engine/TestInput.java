package io.sluice.core.engine;

import io.sluice.api.Emitter;
import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.Property;
import io.sluice.support.event.EventBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An input driven by the test thread: it emits numbered records {@code {"seq": n}} and records pauses. */
final class TestInput implements Input {

    private final AtomicInteger pauses = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();
    private final EventBuffer batch = new EventBuffer(1024);
    private volatile boolean paused;
    private volatile boolean stopped;
    private volatile InputContext context;
    private volatile Runnable onPause = () -> { };
    private volatile Runnable onResume = () -> { };
    private long nextSeq;

    InputPlugin factory() {
        return new InputPlugin() {
            @Override
            public String name() {
                return "test_in";
            }

            @Override
            public String description() {
                return "test input";
            }

            @Override
            public List<Property<?>> properties() {
                return List.of();
            }

            @Override
            public Input create(InputContext ctx) {
                context = ctx;
                return TestInput.this;
            }
        };
    }

    /** Emits {@code count} records in one batch, each padded with {@code padding} bytes of text. */
    void emit(int count, int padding) {
        emit(null, count, padding);
    }

    /** Emits {@code count} records in one batch under {@code tag} (the input's own tag when null). */
    void emit(String tag, int count, int padding) {
        String pad = "x".repeat(padding);
        for (int i = 0; i < count; i++) {
            batch.beginEvent(1_700_000_000L, 0);
            batch.writeMapHeader(padding > 0 ? 2 : 1);
            batch.writeString("seq");
            batch.writeLong(nextSeq++);
            if (padding > 0) {
                batch.writeString("pad");
                batch.writeString(pad);
            }
            batch.endEvent();
        }
        if (tag == null) {
            batch.emitTo(emitter());
        } else {
            batch.emitTo(emitter(), tag);
        }
    }

    void emit(int count) {
        emit(count, 0);
    }

    long emitted() {
        return nextSeq;
    }

    Emitter emitter() {
        return context.emitter();
    }

    InputContext context() {
        return context;
    }

    boolean paused() {
        return paused;
    }

    int pauses() {
        return pauses.get();
    }

    int resumes() {
        return resumes.get();
    }

    boolean stopped() {
        return stopped;
    }

    @Override
    public void start() throws PluginException {
    }

    /** Runs {@code action} inside every {@link #pause()} call, before it returns. */
    TestInput whenPaused(Runnable action) {
        onPause = action;
        return this;
    }

    /** Runs {@code action} inside every {@link #resume()} call, before the input counts as resumed. */
    TestInput whenResumed(Runnable action) {
        onResume = action;
        return this;
    }

    @Override
    public void pause() {
        paused = true;
        pauses.incrementAndGet();
        onPause.run();
    }

    @Override
    public void resume() {
        onResume.run();
        paused = false;
        resumes.incrementAndGet();
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
