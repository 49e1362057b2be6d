package io.sluice.input.tcp;

import io.sluice.api.PluginContext;
import io.sluice.api.PluginMetrics.Counter;
import io.sluice.api.RateLimitedLog;
import org.slf4j.Logger;

/** The counters and rate-limited warnings of one tcp input, shared by all its connections (selector thread). */
final class TcpCounters {

    private static final int PREVIEW_BYTES = 48;

    final Counter bytesRead;
    final Counter connections;
    final Counter invalidJson;
    final Counter oversize;
    final Counter incomplete;
    final Counter skipped;
    final Logger log;
    final RateLimitedLog limited;

    TcpCounters(PluginContext context) {
        var m = context.metrics();
        // records and encoded bytes are counted by the engine; these are what only the input sees
        bytesRead = m.counter("bytes_read", "Bytes read from connections.");
        connections = m.counter("connections", "Connections accepted.");
        invalidJson = m.counter("invalid_json", "Times invalid JSON was found and skipped up to the next newline.");
        oversize = m.counter("oversize_records", "Records dropped for being larger than Buffer_Size.");
        incomplete = m.counter("incomplete_records", "Unfinished records dropped when their connection closed.");
        skipped = m.counter("skipped_values", "Top-level JSON values that are not objects, skipped.");
        log = context.logger();
        limited = context.rateLimitedLog();
    }

    /** The problems of the connection from {@code peer}, counted here and logged with its address. */
    DecodeProblems forPeer(String peer) {
        return new DecodeProblems() {
            @Override
            public void invalidJson(String reason, byte[] data, int off, int len) {
                invalidJson.increment();
                limited.warn("invalid_json", peer,
                        "invalid JSON message from {}, skipping to the next line: {}; data: '{}'", peer, reason,
                        BytePreview.of(data, off, len, PREVIEW_BYTES));
            }

            @Override
            public void oversize(long size, int limit) {
                oversize.increment();
                limited.warn("oversize", peer, "{}: record of {} bytes exceeds 'Buffer_Size' ({} KB), dropped",
                        peer, size, limit / 1024);
            }

            @Override
            public void skippedValue(String kind) {
                skipped.increment();
                limited.warn("skipped", peer, "{}: {} is not a record, skipped", peer, kind);
            }

            @Override
            public void incomplete(long size) {
                incomplete.increment();
                limited.warn("incomplete", peer,
                        "{}: connection closed inside a record ({} bytes), record dropped", peer, size);
            }
        };
    }
}
