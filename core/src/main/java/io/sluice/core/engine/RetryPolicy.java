package io.sluice.core.engine;

import java.util.random.RandomGenerator;

/**
 * Fluent Bit's retry rules, so a chunk is retried on the schedule its users know: exponential backoff with full jitter,
 * {@code wait = randint(base, min(cap, base·2^n)) + 1}, and the attempt counting of {@code Retry_Limit}.
 */
final class RetryPolicy {

    /** What to do with a RETRY. */
    enum Decision { RETRY, NO_RETRIES, EXHAUSTED }

    private final long base;
    private final long cap;
    private final int limit;
    private final RandomGenerator random;

    /**
     * @param limit retries allowed after the first send; 0 for {@code no_retries}, negative for {@code no_limits}
     */
    RetryPolicy(long base, long cap, int limit, RandomGenerator random) {
        this.base = Math.max(0, base);
        this.cap = Math.max(0, cap);
        this.limit = limit;
        this.random = random;
    }

    /** Decides on a RETRY answer after {@code attempts} retries already scheduled (0 on the first RETRY). */
    Decision decide(int attempts) {
        if (limit == 0) {
            return Decision.NO_RETRIES;
        }
        if (attempts > 0 && limit > 0 && attempts >= limit) {
            return Decision.EXHAUSTED;
        }
        return Decision.RETRY;
    }

    /** The wait before retry number {@code attempt} (1 for the first), in the engine's retry unit. */
    long waitFor(int attempt) {
        long upper = attempt >= 62 || base << attempt >>> attempt != base ? cap : Math.min(cap, base << attempt);
        if (upper < base) {
            upper = base;
        }
        return base + random.nextLong(upper - base + 1) + 1;
    }
}
