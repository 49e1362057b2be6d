package io.sluice.output.websocket;

import io.sluice.api.EventChunk;
import io.sluice.api.FlushResult;
import io.sluice.api.PluginMetrics;
import io.sluice.api.RateLimitedLog;
import io.sluice.support.format.FormatException;
import java.util.List;
import org.slf4j.Logger;

/**
 * Delivers one chunk through one worker's connection: encodes it into messages within the size limits, sends them,
 * and decides the chunk's result. OK means every record was confirmed, or left out as too large and counted; RETRY
 * means some were not, and the confirmed ones are remembered so that core's retry sends only the rest. A close with
 * 1009 (message too big) is answered within the same flush: smaller messages on a new connection, a bounded number of
 * times, each only when the close taught something (a smaller limit, or a record the server refuses even alone).
 */
final class ChunkDelivery {

    /**
     * Attempts within one flush while each one gets further (the server confirmed records before it closed) or its
     * 1009 close teaches a smaller message size; 12 halvings take a 4 MB message below 1 KB.
     */
    static final int MAX_ATTEMPTS_PER_FLUSH = 12;

    private final WebSocketSettings settings;
    private final Logger log;
    private final MessageLimits limits;
    private final ChunkProgress progress;
    private final PluginMetrics.Counter records;
    private final PluginMetrics.Counter bytes;
    private final PluginMetrics.Counter formatErrors;
    private final PluginMetrics.Counter oversizedRecords;
    private final PluginMetrics.Counter tooBigCloses;
    private final RateLimitedLog limitedLog;

    ChunkDelivery(WebSocketSettings settings, Logger log, PluginMetrics metrics, RateLimitedLog limitedLog) {
        this.settings = settings;
        this.log = log;
        this.limits = new MessageLimits(settings.maxMessageSize());
        this.progress = new ChunkProgress();
        this.limitedLog = limitedLog;
        this.records = metrics.counter("confirmed_records",
                "Records delivered (confirmed by the server when confirm_delivery is on)");
        this.bytes = metrics.counter("payload_bytes", "Formatted payload bytes delivered");
        this.formatErrors = metrics.counter("format_errors",
                "Records of chunks dropped because a record could not be formatted");
        this.oversizedRecords = metrics.counter("oversized_records",
                "Records not delivered because even alone they are larger than the largest message the server "
                        + "takes (max_message_size, or refused with 1009 when sent alone); the rest of their chunk "
                        + "was delivered");
        this.tooBigCloses = metrics.counter("too_big_closes",
                "Connections the server closed with 1009 (message too big)");
    }

    FlushResult deliver(EventChunk chunk, PayloadEncoder encoder, WebSocketConnection connection) {
        refusedAfterDelivery(connection);
        int done = progress.confirmed(chunk);
        if (done > 0) {
            log.debug("chunk {}: {} records were confirmed by an earlier attempt, sending the rest", chunk.id(), done);
        }
        for (int attempt = 1; ; attempt++) {
            Batch batch;
            try {
                batch = encoder.encode(chunk, done, limits.limit(), limits.hard());
            } catch (FormatException e) {
                progress.forget(chunk);
                formatErrors.add(chunk.records());
                // the tag is the subject: the summary of held-back lines then says which sources send such records
                limitedLog.error("format", chunk.tag(),
                        "cannot format chunk {} ({} records) as {}: {}; the chunk is dropped", chunk.id(),
                        chunk.records(), settings.format().format().optionValue(), e.getMessage());
                return FlushResult.ERROR;
            }
            if (batch.messages().isEmpty()) {
                return nothingLeftToSend(chunk, batch, done);
            }
            WebSocketConnection.Result result = connection.send(batch.messages());
            refusedAfterDelivery(connection);
            // every message confirmed is the batch delivered, even when the last Pong came just after the attempt
            // had given up waiting for it (the connection is dropped all the same)
            boolean delivered = result.delivered() || result.confirmed() == batch.messages().size();
            int confirmedTo = delivered ? batch.records()
                    : result.confirmed() == 0 ? done : batch.messages().get(result.confirmed() - 1).endRecord();
            account(chunk, batch, result.confirmed(), done, confirmedTo);
            done = confirmedTo;
            if (delivered) {
                progress.forget(chunk);
                return FlushResult.OK;
            }
            boolean learned = false;
            if (result.tooBigSize() > 0) {
                tooBigCloses.increment();
                learned = learn(result, batch);
                if (!learned) {
                    connection.tooBigTaughtNothing();
                }
            }
            if (!learned && result != WebSocketConnection.Result.NOT_SENT) {
                connection.paceNextAttempt();
            }
            if ((learned || result.confirmed() > 0) && attempt < MAX_ATTEMPTS_PER_FLUSH
                    && !Thread.currentThread().isInterrupted()) {
                continue;
            }
            progress.remember(chunk, done);
            return FlushResult.RETRY;
        }
    }

    /**
     * Without confirmation a chunk counts delivered once written, so a server's 1009 may come only after it: what the
     * server refused is lost and cannot be counted, but it is said, and teaches the limit for what follows.
     */
    private void refusedAfterDelivery(WebSocketConnection connection) {
        int size = connection.takeTooBigAfterDelivery();
        if (size == 0) {
            return;
        }
        tooBigCloses.increment();
        limits.refused(size);
        limits.firstRefusal();
        limitedLog.error("too-big-unconfirmed", null, "the server at {} closed the connection with 1009 (message too "
                + "big) after messages of up to {} bytes had been counted delivered (confirm_delivery off): the "
                + "records of a message it refused are lost. Messages are now cut to at most {} bytes; set "
                + "max_message_size to the server's limit, or confirm_delivery on", settings.endpoint().url(), size,
                limits.limit());
    }

    /** Every record not yet delivered is left out as too large: the chunk is over. */
    private FlushResult nothingLeftToSend(EventChunk chunk, Batch batch, int done) {
        progress.forget(chunk);
        List<Batch.Oversized> left = batch.oversized();
        if (done == 0 && !left.isEmpty() && left.size() == batch.records()) {
            // nothing of it was delivered: core drops it (or writes it as a dead letter) and counts its records
            limitedLog.error("oversized-chunk", chunk.tag(), "chunk {}: all {} records are larger than {} ({} "
                            + "bytes, the largest {} bytes); the chunk is rejected", chunk.id(), left.size(),
                    limitName(), limits.hard(), largest(left));
            return FlushResult.ERROR;
        }
        leftOut(chunk, left);
        return FlushResult.OK;
    }

    /** Counts what the server confirmed, and the too-large records it passed, of the records {@code [from, to)}. */
    private void account(EventChunk chunk, Batch batch, int confirmedMessages, int from, int to) {
        long payload = 0;
        int delivered = 0;
        for (int i = 0; i < confirmedMessages; i++) {
            Message m = batch.messages().get(i);
            payload += m.length();
            delivered += m.records();
        }
        records.add(delivered);
        bytes.add(payload);
        leftOut(chunk, batch.oversizedIn(from, to));
    }

    private void leftOut(EventChunk chunk, List<Batch.Oversized> left) {
        if (left.isEmpty()) {
            return;
        }
        oversizedRecords.add(left.size());
        limitedLog.error("oversized", chunk.tag(), "chunk {}: {} record(s) not delivered, larger than {} ({} bytes) "
                        + "even as a message of their own (the largest {} bytes, record #{}); the rest of the chunk "
                        + "is delivered. Counted in oversized_records", chunk.id(), left.size(), limitName(),
                limits.hard(), largest(left), left.get(0).record());
    }

    private String limitName() {
        int configured = limits.configured();
        return configured > 0 && limits.hard() == configured ? "max_message_size"
                : "the largest message the server takes";
    }

    private static int largest(List<Batch.Oversized> left) {
        return left.stream().mapToInt(Batch.Oversized::size).max().orElse(0);
    }

    /** What the server's 1009 teaches; whether it taught anything (else retrying at once would change nothing). */
    private boolean learn(WebSocketConnection.Result result, Batch batch) {
        int before = limits.limit();
        boolean learned;
        String what;
        if (result.refusedProbe() >= 0) {
            Message probe = batch.messages().get(result.refusedProbe());
            learned = limits.refusedAlone(probe.length());
            what = "a message holding only record #" + probe.firstRecord() + " (" + probe.length() + " bytes)";
        } else {
            learned = limits.refused(result.tooBigSize());
            what = "a message of up to " + result.tooBigSize() + " bytes";
        }
        if (limits.firstRefusal()) {
            String setting = limits.configured() > 0
                    ? "max_message_size is " + limits.configured() + " bytes; lower it to the server's limit"
                    : "set max_message_size to the server's limit";
            log.warn("the server at {} closed the connection with 1009 (message too big) after {}; messages are "
                            + "now cut to at most {} bytes, halved again while the server refuses them. To send no "
                            + "message it refuses, {}", settings.endpoint().url(), what, limits.limit(), setting);
        } else if (learned) {
            log.debug("the server closed the connection with 1009 (message too big) after {}; messages are now cut "
                    + "to at most {} bytes (before: {})", what, limits.limit(), before == 0 ? "no limit" : before);
        } else {
            log.debug("the server closed the connection with 1009 after {}; limit stays {}", what, limits.limit());
        }
        return learned;
    }
}
