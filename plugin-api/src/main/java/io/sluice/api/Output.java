package io.sluice.api;

/**
 * A running output: created → {@link #start()} → {@link #flush}* → {@link #stop()}. Core calls {@code flush} from
 * {@code workers} threads at once, each with its own worker index, so an implementation keeps per-connection state
 * per worker.
 */
public interface Output {

    /** Prepares the output; connections may also be opened lazily on the first flush. */
    default void start() throws PluginException {
    }

    /**
     * Delivers one chunk. Its bytes are shared with other outputs: never write to them. They are valid only until
     * this method returns; an output that sends asynchronously keeps {@link EventChunk#copy()}.
     *
     * @param worker the calling worker's index, from 0 to {@link OutputContext#workers()} − 1
     */
    FlushResult flush(EventChunk chunk, int worker);

    /** Closes every connection and thread; called once, after the last flush has returned. */
    default void stop() {
    }
}
