package io.sluice.core.engine;

import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.config.Property;
import io.sluice.support.event.Event;
import io.sluice.api.EventChunk;
import io.sluice.support.event.EventDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An output whose answers the test scripts; it keeps the {@code seq} of every record it accepted, the chunks it
 * saw and when each flush call happened.
 */
final class TestOutput implements Output {

    /** Decides the answer to one flush call. */
    interface Script {
        FlushResult answer(EventChunk chunk, int call, int worker) throws InterruptedException;
    }

    private volatile Script script = (chunk, call, worker) -> FlushResult.OK;
    private final ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
    private final List<Long> callTimesNanos = new CopyOnWriteArrayList<>();
    private final List<EventChunk> chunks = new CopyOnWriteArrayList<>();
    private final List<Integer> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile OutputContext context;
    private volatile boolean stopped;
    private volatile Runnable onStop = () -> { };

    OutputPlugin factory() {
        return new OutputPlugin() {
            @Override
            public String name() {
                return "test_out";
            }

            @Override
            public String description() {
                return "test output";
            }

            @Override
            public List<Property<?>> properties() {
                return List.of();
            }

            @Override
            public Output create(OutputContext ctx) {
                context = ctx;
                return TestOutput.this;
            }
        };
    }

    TestOutput answering(Script answers) {
        script = answers;
        return this;
    }

    @Override
    public FlushResult flush(EventChunk chunk, int worker) {
        int call = calls.incrementAndGet();
        callTimesNanos.add(System.nanoTime());
        workers.add(worker);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            FlushResult result = script.answer(chunk, call, worker);
            if (result == FlushResult.OK) {
                chunks.add(copy(chunk));
                for (Event e : EventDecoder.decode(chunk)) {
                    if (e.body().get("seq") instanceof Number seq) {
                        delivered.add(seq.longValue());
                    }
                }
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FlushResult.RETRY;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static EventChunk copy(EventChunk c) {
        return c.copy();
    }

    /** Runs {@code action} inside {@link #stop()}, before the output counts as stopped. */
    TestOutput whenStopped(Runnable action) {
        onStop = action;
        return this;
    }

    @Override
    public void stop() {
        onStop.run();
        stopped = true;
    }

    List<Long> delivered() {
        return new ArrayList<>(delivered);
    }

    List<EventChunk> chunks() {
        return chunks;
    }

    List<Long> callTimesNanos() {
        return callTimesNanos;
    }

    List<Integer> workers() {
        return workers;
    }

    int calls() {
        return calls.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    OutputContext context() {
        return context;
    }

    boolean stopped() {
        return stopped;
    }
}
