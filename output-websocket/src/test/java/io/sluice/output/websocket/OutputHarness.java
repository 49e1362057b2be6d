package io.sluice.output.websocket;

import io.sluice.api.EventChunk;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.testkit.TestOutputContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates, starts and stops outputs for a test, and retries a flush as core would. */
final class OutputHarness implements AutoCloseable {

    private final List<Output> outputs = new ArrayList<>();

    /** A context for one worker sending to {@code host:port}, with {@code extra} settings. */
    static TestOutputContext context(String host, int port, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(extra);
        settings.put("host", host);
        settings.put("port", Integer.toString(port));
        return TestOutputContext.of(new WebSocketOutputPlugin(), settings, 1);
    }

    /** As above, to 127.0.0.1. */
    static TestOutputContext context(int port, Map<String, String> extra) {
        return context("127.0.0.1", port, extra);
    }

    Output start(TestOutputContext context) throws Exception {
        Output output = new WebSocketOutputPlugin().create(context);
        output.start();
        outputs.add(output);
        return output;
    }

    /** Flushes until OK (as core's retries would), failing the test after {@code within}; returns the attempts. */
    static int deliver(Output output, EventChunk chunk, int worker, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            FlushResult r = output.flush(chunk, worker);
            if (r == FlushResult.OK) {
                return attempts;
            }
            if (r == FlushResult.ERROR) {
                throw new AssertionError("flush returned ERROR");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not delivered within " + within + " (" + attempts + " attempts)");
            }
            Thread.onSpinWait();
        }
    }

    static int deliver(Output output, EventChunk chunk) {
        return deliver(output, chunk, 0, Duration.ofSeconds(15));
    }

    @Override
    public void close() {
        for (Output o : outputs) {
            o.stop();
        }
    }
}
