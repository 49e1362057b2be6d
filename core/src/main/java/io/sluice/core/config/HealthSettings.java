package io.sluice.core.config;

/**
 * The health check keys of {@code [SERVICE]}, with Fluent Bit's names and meaning.
 *
 * @param enabled           {@code Health_Check}: registers {@code /api/v1/health} and samples the outputs' counters
 *                          once a second; off, {@code /api/v1/health} is 404 and {@code /api/v2/health} always says
 *                          ok with zero counts
 * @param errorsCount       {@code HC_Errors_Count}: unhealthy when more output errors than this happened within the
 *                          period
 * @param retryFailureCount {@code HC_Retry_Failure_Count}: unhealthy when more chunks than this ran out of retries
 *                          within the period
 * @param periodSeconds     {@code HC_Period}: how many one-second samples are kept; at least 1 (Fluent Bit accepts
 *                          0 and negative values and then always reports healthy; sluice rejects them)
 */
public record HealthSettings(boolean enabled, int errorsCount, int retryFailureCount, int periodSeconds) {

    /** @throws IllegalArgumentException when {@code periodSeconds} is below 1 */
    public HealthSettings {
        if (periodSeconds < 1) {
            throw new IllegalArgumentException("HC_Period must be at least 1 second, got " + periodSeconds);
        }
    }

    /** Fluent Bit's defaults: off, 5 errors, 5 retry failures, 60 s. */
    public static HealthSettings defaults() {
        return new HealthSettings(false, 5, 5, 60);
    }
}
