package io.sluice.api;

/** Registers counters of one plugin instance. */
public interface PluginMetrics {

    /**
     * The counter called {@code name} (lower_snake_case), created on first use; {@code help} says what it counts.
     * Names of the engine's own counters of this instance are refused with IllegalArgumentException.
     */
    Counter counter(String name, String help);

    /** A monotonically increasing count, safe to update from any thread. */
    interface Counter {

        /** Adds {@code n} (at least 0). */
        void add(long n);

        /** Adds one. */
        default void increment() {
            add(1);
        }

        /** The current value. */
        long get();
    }
}
