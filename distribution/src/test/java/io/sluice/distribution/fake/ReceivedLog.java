package io.sluice.distribution.fake;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Everything the fake server received, in arrival order, shared by all connection threads. */
final class ReceivedLog {

    /** Records split so far in one format, so polling for a count does not split every message again. */
    private static final class Split {
        int messagesSplit;
        final List<Map<String, Object>> records = new ArrayList<>();
    }

    private final List<ReceivedMessage> messages = new ArrayList<>();
    private final List<HandshakeRequest> handshakes = new ArrayList<>();
    private final List<CloseFrame> closes = new ArrayList<>();
    private final Map<RecordFormat, Split> splits = new EnumMap<>(RecordFormat.class);
    private long bytes;

    synchronized void addMessage(ReceivedMessage message) {
        messages.add(message);
        bytes += message.size();
    }

    synchronized void addHandshake(HandshakeRequest request) {
        handshakes.add(request);
    }

    synchronized void addClose(CloseFrame close) {
        closes.add(close);
    }

    synchronized List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized int messageCount() {
        return messages.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized List<HandshakeRequest> handshakes() {
        return List.copyOf(handshakes);
    }

    synchronized List<CloseFrame> closes() {
        return List.copyOf(closes);
    }

    synchronized List<Map<String, Object>> records(RecordFormat format) {
        return List.copyOf(split(format).records);
    }

    synchronized int recordCount(RecordFormat format) {
        return split(format).records.size();
    }

    synchronized ReceivedRecords seqs(RecordFormat format, String field) {
        return ReceivedRecords.of(split(format).records, field);
    }

    private Split split(RecordFormat format) {
        Split split = splits.computeIfAbsent(format, f -> new Split());
        while (split.messagesSplit < messages.size()) {
            split.records.addAll(format.split(messages.get(split.messagesSplit)));
            split.messagesSplit++;
        }
        return split;
    }
}
