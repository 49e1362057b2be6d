package io.sluice.output.websocket;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.java_websocket.framing.CloseFrame;

/**
 * Ends sessions off the flush threads: a close handshake or a socket close can block (a TLS handshake in progress
 * holds the socket's lock), and a worker must never hang on a connection it has given up on.
 */
final class SessionReaper implements AutoCloseable {

    private static final long CLOSE_GRACE_MILLIS = 3000;
    /** How long the library may take to answer the server's Close and close the socket itself. */
    static final long RELEASE_GRACE_MILLIS = 1000;

    private final ScheduledThreadPoolExecutor executor;
    private final Set<ClientSession> closing = ConcurrentHashMap.newKeySet();

    SessionReaper(String instanceName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "websocket-reaper-" + instanceName);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts a clean close (code 1000) and drops the connection if the server has not completed it in time. */
    void closeGracefully(ClientSession session, String reason) {
        closing.add(session);
        executor.execute(() -> session.close(CloseFrame.NORMAL, reason));
        executor.schedule(() -> {
            closing.remove(session);
            if (!session.isClosed()) {
                abandonNow(session, "close handshake not completed");
            }
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Lets go of a connection the server closed: the library answers the server's Close and then closes the socket
     * itself, which is closed hard if that has not happened within {@link #RELEASE_GRACE_MILLIS} (the write of the
     * answer may hang on a server that no longer reads).
     */
    void release(ClientSession session, String reason) {
        if (finished(session)) {
            return;
        }
        closing.add(session);
        executor.schedule(() -> {
            closing.remove(session);
            if (!finished(session)) {
                abandonNow(session, reason);
            }
        }, RELEASE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether the session has ended and its socket is closed. */
    private static boolean finished(ClientSession session) {
        Socket socket = session.getSocket();
        return session.isClosed() && (socket == null || socket.isClosed());
    }

    /** Runs {@code task} every {@code periodMillis} on the reaper's thread until {@link #drain}. */
    void every(long periodMillis, Runnable task) {
        executor.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Drops the connection at once, without a close handshake (used when it is hung or broken). */
    void abandon(ClientSession session, String reason) {
        executor.execute(() -> abandonNow(session, reason));
    }

    private static void abandonNow(ClientSession session, String reason) {
        session.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
        Socket socket = session.getSocket();
        if (socket != null) {
            try {
                // linger 0: a TLS socket whose writer is blocked would otherwise wait for it in close()
                socket.setSoLinger(true, 0);
            } catch (IOException alreadyClosed) {
                // nothing to wait for then
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // the socket is being discarded; nothing depends on a clean close here
            }
        }
    }

    /**
     * Runs what is queued for up to {@code millis}, then stops the thread and drops every connection whose close
     * handshake has not completed by then.
     */
    void drain(long millis) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        for (ClientSession s : closing) {
            if (!finished(s)) {
                abandonNow(s, "close handshake not completed at shutdown");
            }
        }
        closing.clear();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
