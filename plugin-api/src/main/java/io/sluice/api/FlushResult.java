package io.sluice.api;

/** The outcome of {@link Output#flush}: as Fluent Bit's FLB_OK, FLB_RETRY and FLB_ERROR. */
public enum FlushResult {
    /** Delivered; the chunk is done for this output. */
    OK,
    /** Not delivered now; core retries it with backoff until the retry limit. */
    RETRY,
    /** Can never be delivered; core drops the chunk for this output (or dead-letters it) and counts its records. */
    ERROR
}
