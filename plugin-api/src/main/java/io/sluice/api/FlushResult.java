package io.sluice.api;

/** The outcome of {@link Output#flush}: as Fluent Bit's FLB_OK, FLB_RETRY and FLB_ERROR. */
public enum FlushResult {
    /** Delivered; the chunk is done for this output. */
    OK,
    /** Not delivered now; core reschedules it with backoff until the retry limit. */
    RETRY,
    /** Cannot be delivered ever; core drops the chunk for this output and counts its records. */
    ERROR
}
