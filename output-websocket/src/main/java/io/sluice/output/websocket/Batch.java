package io.sluice.output.websocket;

import java.util.List;

/**
 * What one flush attempt sends of a chunk: the messages for its records from some index on, in order, and the records
 * left out because no message may hold them.
 *
 * @param messages  the messages, in record order; their record ranges never overlap and never hold a left-out record
 * @param oversized the records left out, in index order (all at or after the index the batch starts from)
 * @param records   the index after the chunk's last record
 */
record Batch(List<Message> messages, List<Oversized> oversized, int records) {

    /**
     * A record larger than the largest message the server takes.
     *
     * @param record its index in the chunk
     * @param size   its size as a message of its own, in bytes
     */
    record Oversized(int record, int size) {
    }

    /** The left-out records whose index is in {@code [from, to)}. */
    List<Oversized> oversizedIn(int from, int to) {
        if (oversized.isEmpty()) {
            return oversized;
        }
        return oversized.stream().filter(o -> o.record() >= from && o.record() < to).toList();
    }
}
