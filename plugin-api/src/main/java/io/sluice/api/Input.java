package io.sluice.api;

/**
 * A running input: created → {@link #start()} → ({@link #pause()} / {@link #resume()})* → {@link #stop()}.
 * {@code pause} and {@code resume} may be called from any thread, including from inside {@link Emitter#emit}.
 */
public interface Input {

    /** Starts collecting: binds sockets, starts the input's one thread or timer. */
    void start() throws PluginException;

    /** Stops taking in new data until {@link #resume()}; data already read may still be emitted. */
    void pause();

    /** Takes in data again after {@link #pause()}. */
    void resume();

    /** Stops for good: emits what is complete, releases every resource, and returns when its threads have ended. */
    void stop();
}
