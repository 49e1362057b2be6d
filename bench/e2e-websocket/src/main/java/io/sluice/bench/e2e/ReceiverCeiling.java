package io.sluice.bench.e2e;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The receiver's own ceiling: a local Java-WebSocket client sends pre-built messages laid out like sluice's
 * (about 2 MB, as sluice's chunks) as fast as it can, and we time until the receiver has every seq. The client's
 * own work (masking, copying) counts against the receiver here, so the real ceiling is at least this.
 */
final class ReceiverCeiling {

    private static final int QUEUED_FRAMES = 8;

    private ReceiverCeiling() {
    }

    /** Records per second the receiver takes from {@code messages} holding {@code records} records. */
    static double measure(List<?> messages, int records) throws Exception {
        SeqReceiver receiver = new SeqReceiver(new SeqLedger(records));
        try {
            int port = receiver.startAndAwait();
            WebSocketClient client = new QuietClient(URI.create("ws://127.0.0.1:" + port + "/ceiling"));
            try {
                if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("ceiling client could not connect");
                }
                WebSocketImpl connection = (WebSocketImpl) client.getConnection();
                long start = System.nanoTime();
                for (Object message : messages) {
                    while (connection.outQueue.size() > QUEUED_FRAMES) {
                        LockSupport.parkNanos(20_000);
                    }
                    if (message instanceof String text) {
                        client.send(text);
                    } else {
                        client.send((byte[]) message);
                    }
                }
                SeqLedger ledger = receiver.ledger();
                if (!ledger.awaitComplete(start + TimeUnit.SECONDS.toNanos(60), TimeUnit.SECONDS.toNanos(10),
                        System.nanoTime())) {
                    throw new IllegalStateException("ceiling run lost " + ledger.lost() + " records");
                }
                return records / ((ledger.lastRecordNanos() - start) / 1e9);
            } finally {
                client.closeBlocking();
            }
        } finally {
            receiver.stop(1_000);
        }
    }

    private static final class QuietClient extends WebSocketClient {

        QuietClient(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
            System.err.println("ceiling client: " + ex);
        }
    }
}
