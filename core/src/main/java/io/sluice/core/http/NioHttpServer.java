package io.sluice.core.http;

import io.sluice.core.log.SuppressingLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for a fixed set of exact paths, built so that no client can hold up another.
 *
 * <p>All socket work (accepting, reading request heads and bodies, writing responses, timeouts) happens
 * non-blocking on one selector thread, so a client costs a few hundred bytes of state and never a thread, however
 * slowly it sends or reads. Only complete requests reach a handler, on a fixed pool of {@link ServerLimits#workers()}
 * threads with a bounded queue (full: 503 at once). Every connection has one deadline at a time: the idle timeout
 * before a request's first byte, the request timeout from its first byte to its last (so trickling bytes does not
 * extend it; answered 408), the write timeout for the response to be taken. Connections are capped; one more closes
 * the connection that has waited longest rather than refusing the newcomer. Oversized heads get 431, oversized bodies
 * 413, malformed requests 400 (see {@link RequestParser}); unknown paths 404, other methods 405 with {@code Allow}.
 * Refused and timed-out clients are logged once per kind per window ({@link SuppressingLog}).
 *
 * <p>Supported: keep-alive and pipelined requests (answered one at a time, in order), HTTP/1.0, Content-Length
 * bodies. Not supported: chunked request bodies (501), TLS, {@code Expect: 100-continue} (clients send the body
 * after their own short wait), HEAD unless a route lists it.
 */
final class NioHttpServer implements AutoCloseable {

    /** A complete request. */
    record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
    }

    /** A response; {@code contentType} null sends none. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Response of(int status, String contentType, String body) {
            return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, contentType, body, h);
        }
    }

    /** Computes a response; runs on a worker thread. */
    interface Handler {
        Response handle(Request request) throws Exception;
    }

    /**
     * Starts a response that may complete later (a reload to wait for): runs on a worker thread, which is free again
     * as soon as it returns; the connection waits for the stage, holding no thread.
     */
    interface DeferredHandler {
        CompletionStage<Response> handle(Request request) throws Exception;
    }

    /** One exact path, the methods it answers and its handler. */
    record Route(String path, List<String> methods, DeferredHandler handler) {
        Route {
            methods = List.copyOf(methods);
        }

        /** A route whose answer is ready when its handler returns. */
        static Route of(String path, List<String> methods, Handler handler) {
            return new Route(path, methods, r -> CompletableFuture.completedFuture(handler.handle(r)));
        }
    }

    private enum State { IDLE, READING, HANDLING, WRITING, LINGERING }

    private static final Logger LOG = LoggerFactory.getLogger("http_server");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    private static final int ACCEPTS_PER_WAKEUP = 64;
    private static final long ACCEPT_PAUSE_MILLIS = 100;
    private static final long MAX_LINGER_MILLIS = 2_000;
    private static final int MAX_LINGER_BYTES = 65_536;

    private final ServerLimits limits;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final ServerSocketChannel server;
    private final Selector selector;
    private final SelectionKey acceptKey;
    private final ThreadPoolExecutor workers;
    private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();
    private final Set<Conn> conns = new LinkedHashSet<>();
    private final SuppressingLog refusals;
    private final Thread loop;
    private final int port;
    private volatile boolean closing;
    private volatile int openConnections;
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private long nextDeadline = Long.MAX_VALUE;
    private long acceptPausedUntil;

    /** Binds {@code address} (a failure throws here, in the caller's thread); {@link #start()} serves. */
    NioHttpServer(InetSocketAddress address, List<Route> routeList, ServerLimits limits) throws IOException {
        this.limits = limits;
        for (Route r : routeList) {
            routes.put(r.path(), r);
        }
        refusals = new SuppressingLog(LOG, limits.logWindowMillis());
        if (address.isUnresolved()) {
            throw new UnknownHostException("unknown host " + address.getHostString());
        }
        server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 128);
            server.configureBlocking(false);
            selector = Selector.open();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.queuedRequests()), r -> {
                    Thread t = new Thread(r, "http-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        loop = new Thread(this::run, "http-server");
        loop.setDaemon(true);
    }

    void start() {
        loop.start();
    }

    int port() {
        return port;
    }

    /** Connections open right now (for tests and figures). */
    int openConnections() {
        return openConnections;
    }

    /** Stops accepting, closes every connection and the port, stops the workers; returns when all is closed. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        if (loop.isAlive() && Thread.currentThread() != loop) {
            try {
                loop.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!loop.isAlive()) {
            closeEverything();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private void run() {
        try {
            while (!closing) {
                long now = now();
                long wait = nextDeadline == Long.MAX_VALUE ? 0 : Math.max(1, nextDeadline - now);
                selector.select(wait);
                for (Runnable r; (r = completions.poll()) != null; ) {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        refusals.error("internal", null, "monitoring server: {}", e.toString());
                    }
                }
                now = now();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key == acceptKey) {
                        accept(now);
                    } else {
                        ready(key, now);
                    }
                }
                selector.selectedKeys().clear();
                if (now() >= nextDeadline) {
                    sweep(now());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("monitoring server stopped: {}", e.toString(), e);
        } finally {
            closeEverything();
        }
    }

    private void ready(SelectionKey key, long now) {
        Conn c = (Conn) key.attachment();
        try {
            if (key.isValid() && key.isWritable()) {
                write(c, now);
            }
            if (key.isValid() && key.isReadable()) {
                if (c.state == State.LINGERING) {
                    linger(c);
                } else {
                    read(c, now);
                }
            }
        } catch (IOException | CancelledKeyException e) {
            close(c);
        } catch (RuntimeException e) { // a bug here must cost one connection, not the server
            refusals.error("internal", c.peer, "monitoring server: {}: {}", c.peer, e.toString());
            close(c);
        }
    }

    private void accept(long now) {
        for (int i = 0; i < ACCEPTS_PER_WAKEUP; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                refusals.warn("accept", null, "cannot accept a monitoring connection: {}", e.getMessage());
                acceptKey.interestOps(0);
                acceptPausedUntil = now + ACCEPT_PAUSE_MILLIS;
                deadline(acceptPausedUntil);
                return;
            }
            if (ch == null) {
                return;
            }
            String peer = peer(ch);
            if (conns.size() >= limits.maxConnections()) {
                Conn victim = victim();
                if (victim == null) {
                    refusals.warn("full", peer, "{}: refused, {} connections are busy", peer, conns.size());
                    quietClose(ch);
                    continue;
                }
                refusals.warn("evicted", victim.peer, "{}: closed, the longest waiting of {} connections",
                        victim.peer, conns.size());
                close(victim);
            }
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Conn c = new Conn(ch, peer);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                conns.add(c);
                openConnections = conns.size();
                idle(c, now);
            } catch (IOException e) {
                quietClose(ch);
            }
        }
    }

    /**
     * The connection to give up for a newcomer: one lingering after its response, else the one that has waited
     * longest in its state (idle, reading or writing), so that a flood of new connections cannot push out a fresh
     * one before it sends its request. Never one whose request a handler is working on.
     */
    private Conn victim() {
        Conn best = null;
        for (Conn c : conns) {
            if (c.state == State.HANDLING) {
                continue;
            }
            boolean lingering = c.state == State.LINGERING;
            boolean bestLingering = best != null && best.state == State.LINGERING;
            if (best == null || (lingering && !bestLingering) || (lingering == bestLingering && c.since < best.since)) {
                best = c;
            }
        }
        return best;
    }

    private void read(Conn c, long now) throws IOException {
        if (c.in == null) {
            c.in = ByteBuffer.allocate(limits.maxHeadBytes());
        }
        if (!c.in.hasRemaining()) {
            // not reached: a full buffer always completes a request or fails the head; never spin on it
            refuse(c, 431, "request head longer than " + limits.maxHeadBytes() + " bytes", now);
            return;
        }
        int n = c.ch.read(c.in);
        if (n < 0) {
            close(c);
            return;
        }
        if (n > 0 && c.state == State.IDLE) {
            c.state = State.READING;
            c.since = now;
            c.deadline = now + limits.requestTimeout().toMillis();
            deadline(c.deadline);
        }
        process(c, now);
    }

    /** Turns the bytes received into a request when they make one, and dispatches it. */
    private void process(Conn c, long now) {
        int held = c.in.position();
        byte[] buf = c.in.array();
        if (c.head == null) {
            boolean full = held >= limits.maxHeadBytes();
            if (!full && !RequestParser.mayEndHead(buf, c.scanned - 2, held)) {
                c.scanned = held;
                return;
            }
            c.scanned = held;
            try {
                c.head = RequestParser.parse(buf, held, limits.maxHeadBytes(), limits.maxHeaders());
            } catch (RequestParser.BadRequest e) {
                refuse(c, e.status(), e.getMessage(), now);
                return;
            }
            if (c.head == null) {
                return;
            }
            if (c.head.contentLength() > limits.maxBodyBytes()) {
                refuse(c, 413, "request body of " + c.head.contentLength() + " bytes, more than "
                        + limits.maxBodyBytes(), now);
                return;
            }
            int needed = c.head.headLength() + (int) c.head.contentLength();
            if (needed > c.in.capacity()) {
                c.in = ByteBuffer.allocate(needed).put(c.in.flip());
                buf = c.in.array();
            }
        }
        int needed = c.head.headLength() + (int) c.head.contentLength();
        if (held < needed) {
            return;
        }
        RequestParser.Head head = c.head;
        byte[] body = Arrays.copyOfRange(buf, head.headLength(), needed);
        c.in.flip().position(needed);
        c.in.compact();
        c.head = null;
        c.scanned = 0;
        dispatch(c, head, body, now);
    }

    private void dispatch(Conn c, RequestParser.Head head, byte[] body, long now) {
        Route route = routes.get(head.path());
        if (route == null) {
            respond(c, Response.of(404, "text/plain", "not found\n"), head.keepAlive(), head.http10(), now);
            return;
        }
        if (!route.methods().contains(head.method())) {
            respond(c, Response.of(405, "text/plain", "method not allowed\n")
                    .withHeader("Allow", String.join(", ", route.methods())), head.keepAlive(), head.http10(), now);
            return;
        }
        Request request = new Request(head.method(), head.path(), head.query(), head.headers(), body);
        c.state = State.HANDLING;
        c.since = now;
        c.deadline = Long.MAX_VALUE;
        c.key.interestOps(0);
        try {
            workers.execute(() -> {
                CompletionStage<Response> answer;
                try {
                    answer = route.handler().handle(request);
                } catch (Throwable e) { // even an Error must not leave the connection waiting forever
                    answer = CompletableFuture.failedFuture(e);
                }
                answer.whenComplete((response, failure) -> {
                    Response r = response;
                    if (failure != null || r == null) {
                        refusals.error("handler " + route.path(), c.peer, "{} {} failed: {}", head.method(),
                                head.path(), String.valueOf(failure));
                        r = Response.of(500, "text/plain", "internal error\n");
                    }
                    Response answered = r;
                    completions.add(() -> respond(c, answered, head.keepAlive(), head.http10(), now()));
                    selector.wakeup();
                });
            });
        } catch (RejectedExecutionException e) {
            refusals.warn("busy", c.peer, "{}: answered 503, {} requests are already waiting", c.peer,
                    limits.queuedRequests());
            respond(c, Response.of(503, "text/plain", "busy\n").withHeader("Retry-After", "1"), false,
                    head.http10(), now);
        }
    }

    private void refuse(Conn c, int status, String why, long now) {
        refusals.warn("refused " + status, c.peer, "{}: answered {}, {}", c.peer, status, why);
        respond(c, Response.of(status, "text/plain", reason(status).toLowerCase(Locale.ROOT) + "\n"), false,
                false, now);
    }

    private void respond(Conn c, Response response, boolean keepAlive, boolean http10, long now) {
        if (c.closed) {
            return;
        }
        StringBuilder h = new StringBuilder(160);
        h.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
        h.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        if (response.contentType() != null) {
            h.append("Content-Type: ").append(response.contentType()).append("\r\n");
        }
        h.append("Content-Length: ").append(response.body().length).append("\r\n");
        response.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        if (!keepAlive) {
            h.append("Connection: close\r\n");
        } else if (http10) {
            h.append("Connection: keep-alive\r\n");
        }
        byte[] headBytes = h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        c.out = ByteBuffer.allocate(headBytes.length + response.body().length).put(headBytes).put(response.body())
                .flip();
        c.closeAfterWrite = !keepAlive;
        c.state = State.WRITING;
        c.since = now;
        c.deadline = now + limits.writeTimeout().toMillis();
        deadline(c.deadline);
        try {
            write(c, now);
        } catch (IOException | CancelledKeyException e) {
            close(c);
        }
    }

    private void write(Conn c, long now) throws IOException {
        c.ch.write(c.out);
        if (c.out.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        c.out = null;
        if (c.closeAfterWrite) {
            // Half-close and drain what the client still sends, so that a reset does not destroy the response
            // before the client has read it (a refused client usually has unread bytes in flight).
            c.ch.shutdownOutput();
            c.state = State.LINGERING;
            c.since = now;
            c.lingered = 0;
            c.deadline = now + Math.min(MAX_LINGER_MILLIS, limits.requestTimeout().toMillis());
            deadline(c.deadline);
            c.key.interestOps(SelectionKey.OP_READ);
            return;
        }
        idle(c, now);
        if (c.in != null && c.in.position() > 0) {
            c.state = State.READING;
            c.deadline = now + limits.requestTimeout().toMillis();
            deadline(c.deadline);
            c.scanned = 0;
            process(c, now);
        }
    }

    private void idle(Conn c, long now) {
        c.state = State.IDLE;
        c.since = now;
        c.deadline = now + limits.idleTimeout().toMillis();
        deadline(c.deadline);
        if (c.in != null && c.in.position() == 0) {
            c.in = null;
        }
        c.key.interestOps(SelectionKey.OP_READ);
    }

    private void linger(Conn c) throws IOException {
        while (true) {
            int n = c.ch.read(scratch.clear());
            if (n < 0 || (n > 0 && (c.lingered += n) > MAX_LINGER_BYTES)) {
                close(c);
                return;
            }
            if (n == 0) {
                return;
            }
        }
    }

    private void sweep(long now) {
        nextDeadline = Long.MAX_VALUE;
        if (acceptPausedUntil != 0) {
            if (now >= acceptPausedUntil) {
                acceptPausedUntil = 0;
                acceptKey.interestOps(SelectionKey.OP_ACCEPT);
            } else {
                deadline(acceptPausedUntil);
            }
        }
        for (Conn c : conns.toArray(new Conn[0])) {
            if (c.deadline > now) {
                deadline(c.deadline);
                continue;
            }
            switch (c.state) {
                case IDLE, LINGERING, HANDLING -> close(c);
                case READING -> refuse(c, 408, "request not complete after "
                        + limits.requestTimeout().toMillis() + " ms", now);
                case WRITING -> {
                    refusals.warn("write timeout", c.peer, "{}: closed, the response was not taken within {} ms",
                            c.peer, limits.writeTimeout().toMillis());
                    close(c);
                }
            }
        }
    }

    private void deadline(long at) {
        if (at < nextDeadline) {
            nextDeadline = at;
        }
    }

    private void close(Conn c) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        if (c.key != null) {
            c.key.cancel();
        }
        quietClose(c.ch);
        conns.remove(c);
        openConnections = conns.size();
    }

    private synchronized void closeEverything() {
        for (Conn c : new ArrayList<>(conns)) {
            close(c);
        }
        quietClose(server);
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void quietClose(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static String peer(SocketChannel ch) {
        try {
            InetSocketAddress a = (InetSocketAddress) ch.getRemoteAddress();
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        } catch (IOException | RuntimeException e) {
            return "unknown peer";
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }

    /** One connection's state; touched only by the selector thread. */
    private static final class Conn {
        final SocketChannel ch;
        final String peer;
        SelectionKey key;
        State state = State.IDLE;
        long since;
        long deadline;
        ByteBuffer in;
        int scanned;
        RequestParser.Head head;
        ByteBuffer out;
        boolean closeAfterWrite;
        int lingered;
        boolean closed;

        Conn(SocketChannel ch, String peer) {
            this.ch = ch;
            this.peer = peer;
        }
    }
}
