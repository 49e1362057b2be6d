package io.sluice.api;

import io.sluice.api.event.EventChunk;

/**
 * A running output. Core calls {@link #flush} from {@code workers} threads at once, each with its own worker index,
 * so an implementation keeps per-connection state per worker.
 */
public interface Output {

    /** Prepares the output; connections may also be opened lazily on the first flush. */
    default void start() throws PluginException {
    }

    /**
     * Delivers one chunk. The chunk's bytes are shared with other outputs and must not be modified, nor referenced
     * after this method returns: core reuses the array for later chunks.
     *
     * @param worker the calling worker's index, from 0 to {@link OutputContext#workers()} − 1
     */
    FlushResult flush(EventChunk chunk, int worker);

    /** Closes every connection and thread; called once, after the last flush has returned. */
    default void stop() {
    }
}
