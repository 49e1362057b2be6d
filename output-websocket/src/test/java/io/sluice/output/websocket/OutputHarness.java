package io.sluice.output.websocket;

import io.sluice.api.EventChunk;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.testkit.TestOutputContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Creates, starts and stops outputs for a test, and retries a flush as core would. */
final class OutputHarness implements AutoCloseable {

    private final List<Output> outputs = new ArrayList<>();

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
