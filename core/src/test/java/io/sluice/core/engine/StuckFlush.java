package io.sluice.core.engine;

import io.sluice.api.FlushResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A flush that hangs and ignores interrupts, as a blocking client library may, until the test releases it; it
 * counts down {@link #interrupted()} when the engine interrupts it. Release it in {@code @AfterEach}.
 */
final class StuckFlush implements TestOutput.Script {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public FlushResult answer(io.sluice.api.EventChunk chunk, int call, int worker) {
        entered.countDown();
        while (true) {
            try {
                if (release.await(10, TimeUnit.SECONDS)) {
                    return FlushResult.OK;
                }
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }
    }

    /** Counted down once a flush has begun. */
    CountDownLatch entered() {
        return entered;
    }

    /** Counted down once a hanging flush was interrupted. */
    CountDownLatch interrupted() {
        return interrupted;
    }

    void release() {
        release.countDown();
    }
}
