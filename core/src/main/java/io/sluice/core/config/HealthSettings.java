package io.sluice.core.config;

/**
 * The health check keys of {@code [SERVICE]}.
 *
 * @param enabled           {@code Health_Check}: serve {@code /api/v1/health}
 * @param errorsCount       {@code HC_Errors_Count}: unhealthy above this many output errors in the period
 * @param retryFailureCount {@code HC_Retry_Failure_Count}: unhealthy above this many exhausted retries in the period
 * @param periodSeconds     {@code HC_Period}: the window, in one-second samples
 */
public record HealthSettings(boolean enabled, int errorsCount, int retryFailureCount, int periodSeconds) {

    /** Fluent Bit's defaults: off, 5, 5, 60. */
    public static HealthSettings defaults() {
        return new HealthSettings(false, 5, 5, 60);
    }
}
