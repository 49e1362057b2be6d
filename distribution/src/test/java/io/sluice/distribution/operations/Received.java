package io.sluice.distribution.operations;

import io.sluice.distribution.fake.FakeWebSocketServer;
import io.sluice.distribution.fake.HandshakeRequest;
import io.sluice.distribution.fake.ReceivedMessage;
import io.sluice.distribution.fake.RecordFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/** What the fake server received, by sequence number and by the URI path of the connection it came on. */
final class Received {

    private Received() {
    }

    /** How many records arrived over connections opened with each URI path. */
    static Map<String, Integer> recordsByPath(FakeWebSocketServer server) {
        Map<String, Integer> byPath = new TreeMap<>();
        Map<Integer, String> paths = paths(server);
        for (ReceivedMessage m : server.messages()) {
            byPath.merge(paths.getOrDefault(m.connectionId(), "?"), RecordFormat.JSON_LINES.split(m).size(),
                    Integer::sum);
        }
        return byPath;
    }

    /** The seqs that arrived over connections opened with {@code path} and for which {@code which} holds. */
    static List<Long> seqsOnPath(FakeWebSocketServer server, String path, LongPredicate which) {
        Map<Integer, String> paths = paths(server);
        List<Long> seqs = new ArrayList<>();
        for (ReceivedMessage m : server.messages()) {
            if (!path.equals(paths.get(m.connectionId()))) {
                continue;
            }
            for (Map<String, Object> record : RecordFormat.JSON_LINES.split(m)) {
                if (record.get("seq") instanceof Number n && which.test(n.longValue())) {
                    seqs.add(n.longValue());
                }
            }
        }
        return seqs;
    }

    private static Map<Integer, String> paths(FakeWebSocketServer server) {
        Map<Integer, String> paths = new HashMap<>();
        for (HandshakeRequest h : server.handshakes()) {
            paths.put(h.connectionId(), h.path());
        }
        return paths;
    }

    /** One {@code [operations]} line in the test output. */
    static void report(String scenario, String figures) {
        System.out.printf("[operations] %s: %s%n", scenario, figures);
    }
}
