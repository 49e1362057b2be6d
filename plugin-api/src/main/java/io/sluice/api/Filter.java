package io.sluice.api;

/**
 * A running filter: created → {@link #start()} → {@link #filter}* → {@link #stop()}. Core never calls
 * {@code filter} on one instance from two threads at once. An exception from {@code filter} passes the batch on
 * unchanged (logged and counted), so a faulty filter never loses data.
 */
public interface Filter {

    /** Starts any timer the filter needs. */
    default void start() throws PluginException {
    }

    /**
     * Filters one batch. Returns {@link FilterResult#UNCHANGED} to pass it on as it is, or
     * {@link FilterResult#REPLACED} after writing the events to keep, changed or not, to {@code sink} (writing none
     * drops them all). Copies under another tag go to {@link FilterSink#emit}.
     */
    FilterResult filter(EventBatch batch, FilterSink sink);

    /** Releases resources; called once. */
    default void stop() {
    }
}
