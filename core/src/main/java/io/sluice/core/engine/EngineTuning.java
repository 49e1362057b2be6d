package io.sluice.core.engine;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Engine parameters that are not user configuration: tests shrink them to run in milliseconds.
 *
 * @param retryUnit    the unit of retry waits and of {@code scheduler.base}/{@code scheduler.cap} (seconds in
 *                     production)
 * @param sealBytes    a chunk is sealed once its content exceeds this many bytes
 * @param random       the source of retry jitter
 * @param pooledBytes  at most this many bytes of idle chunk arrays are kept for reuse
 */
public record EngineTuning(TimeUnit retryUnit, long sealBytes, RandomGenerator random, long pooledBytes) {

    /** Fluent Bit's chunk size limit. */
    public static final long SEAL_BYTES = 2_048_000L;

    /** Production values: seconds, 2,048,000-byte chunks, 16 MB of idle arrays at most. */
    public static EngineTuning defaults() {
        return new EngineTuning(TimeUnit.SECONDS, SEAL_BYTES, new Random(), 16_000_000L);
    }

    /** The same tuning with retry waits counted in {@code unit}. */
    public EngineTuning withRetryUnit(TimeUnit unit) {
        return new EngineTuning(unit, sealBytes, random, pooledBytes);
    }

    /** The same tuning with chunks sealed above {@code bytes}. */
    public EngineTuning withSealBytes(long bytes) {
        return new EngineTuning(retryUnit, bytes, random, pooledBytes);
    }
}
