package io.sluice.input.tcp;

import io.sluice.api.PluginContext;
import io.sluice.api.PluginMetrics.Counter;
import io.sluice.api.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/** The counters and rate-limited warnings of one tcp input, shared by all its connections and selector threads. */
final class TcpCounters {

    private static final int PREVIEW_BYTES = 48;

    final Counter bytesRead;
    final Counter connections;
    final Counter invalidJson;
    final Counter oversize;
    final Counter incomplete;
    final Counter skipped;
    final Counter invalidUtf8;
    final Counter invalidEscapes;
    final Counter numbersAsText;
    final Counter unterminated;
    final Logger log;
    final RateLimitedLog limited;

    TcpCounters(PluginContext context) {
        var m = context.metrics();
        // records and encoded bytes are counted by the engine; these are what only the input sees
        bytesRead = m.counter("bytes_read", "Bytes read from connections.");
        connections = m.counter("connections", "Connections accepted.");
        invalidJson = m.counter("invalid_json",
                "Stretches of invalid JSON skipped (each up to the next object start), the record in them dropped.");
        oversize = m.counter("oversize_records", "Records dropped for being larger than Buffer_Size.");
        incomplete = m.counter("incomplete_records", "Unfinished records dropped when their connection closed.");
        skipped = m.counter("skipped_values", "Top-level JSON values that are not objects, skipped.");
        invalidUtf8 = m.counter("invalid_utf8",
                "Invalid UTF-8 sequences and unpaired surrogate escapes in JSON strings, replaced with U+FFFD.");
        invalidEscapes = m.counter("invalid_escapes",
                "Backslash escapes JSON does not define in strings (\\q, \\uZZZZ), kept as written.");
        numbersAsText = m.counter("numbers_as_text",
                "JSON numbers msgpack cannot hold (integers beyond 64 bits, floats beyond float64), kept as strings.");
        unterminated = m.counter("unterminated_records",
                "Last pieces of format none without a separator, emitted as records when their connection closed.");
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
                        "invalid JSON message from {}, skipping to the next object: {}; data: '{}'", peer, reason,
                        BytePreview.of(data, off, len, PREVIEW_BYTES));
            }

            @Override
            public void oversize(long size, int limit) {
                oversize.increment();
                limited.warn("oversize", peer, "{}: record of {} bytes or more exceeds 'Buffer_Size' ({} KB), dropped",
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

            @Override
            public void invalidUtf8() {
                invalidUtf8.increment();
                limited.warn("invalid_utf8", peer,
                        "{}: invalid UTF-8 in a JSON string, replaced with U+FFFD; the record is kept", peer);
            }

            @Override
            public void invalidEscape() {
                invalidEscapes.increment();
                limited.warn("invalid_escape", peer,
                        "{}: a backslash escape JSON does not define, kept as written; the record is kept", peer);
            }

            @Override
            public void numberAsText(byte[] data, int off, int len) {
                numbersAsText.increment();
                limited.warn("number_as_text", peer,
                        "{}: number {} does not fit a 64-bit integer or a float64, kept as a string", peer,
                        new String(data, off, Math.min(len, PREVIEW_BYTES), StandardCharsets.ISO_8859_1)
                                + (len > PREVIEW_BYTES ? "..." : ""));
            }

            @Override
            public void unterminated(long size) {
                unterminated.increment();
                log.debug("{}: connection closed after a last piece of {} bytes without separator, emitted",
                        peer, size);
            }
        };
    }
}
