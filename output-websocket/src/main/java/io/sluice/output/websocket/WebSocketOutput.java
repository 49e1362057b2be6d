package io.sluice.output.websocket;

import io.sluice.api.EventChunk;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.PluginException;
import io.sluice.support.net.TlsSettings;
import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.SocketFactory;
import org.slf4j.Logger;

/** A running websocket output: one {@link WebSocketConnection} and one {@link PayloadEncoder} per worker. */
final class WebSocketOutput implements Output {

    private static final long STOP_CLOSE_MILLIS = 2000;

    private final WebSocketSettings settings;
    private final Logger log;
    private final SessionReaper reaper;
    private final WebSocketConnection[] connections;
    private final PayloadEncoder[] encoders;
    private final ChunkDelivery delivery;

    WebSocketOutput(OutputContext context, WebSocketSettings settings) {
        this.settings = settings;
        this.log = context.logger();
        this.reaper = new SessionReaper(context.instanceName());
        int workers = Math.max(1, context.workers());
        this.connections = new WebSocketConnection[workers];
        this.encoders = new PayloadEncoder[workers];
        for (int i = 0; i < workers; i++) {
            encoders[i] = new PayloadEncoder(settings.format(), settings.perRecord());
        }
        this.delivery = new ChunkDelivery(settings, log, context.metrics(), context.rateLimitedLog());
    }

    @Override
    public void start() throws PluginException {
        SocketFactory factory = socketFactory(settings.tls());
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new WebSocketConnection(i, settings, factory, reaper, log);
        }
        long idleMillis = settings.net().keepaliveIdleTimeout().toMillis();
        if (idleMillis > 0) {
            reaper.every(Math.max(250, Math.min(1000, idleMillis / 4)), () -> {
                for (WebSocketConnection c : connections) {
                    c.closeIfIdle();
                }
            });
        }
        if (!settings.endpoint().headers().isEmpty()) {
            log.debug("handshake headers: {}", settings.endpoint().headers());
        }
    }

    private SocketFactory socketFactory(TlsSettings tls) throws PluginException {
        SocketFactory factory = SocketFactory.getDefault();
        if (tls.enabled()) {
            if (!tls.verify()) {
                log.warn("tls.verify is off: the server's certificate and host name are NOT checked, so anyone "
                        + "on the network path can read and alter what is sent to {}", settings.endpoint().url());
            }
            try {
                factory = tls.createClientContext().getSocketFactory();
            } catch (IOException | GeneralSecurityException e) {
                throw new PluginException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return settings.net().tcpKeepalive() ? new TcpKeepaliveSocketFactory(factory) : factory;
    }

    @Override
    public FlushResult flush(EventChunk chunk, int worker) {
        return delivery.deliver(chunk, encoders[worker], connections[worker]);
    }

    @Override
    public void stop() {
        try {
            // every close handshake starts at once and all share one deadline, whatever the number of workers
            ClientSession[] closing = new ClientSession[connections.length];
            for (int i = 0; i < connections.length; i++) {
                closing[i] = connections[i] == null ? null : connections[i].beginClose();
            }
            long deadline = System.nanoTime() + STOP_CLOSE_MILLIS * 1_000_000L;
            for (int i = 0; i < connections.length; i++) {
                if (closing[i] != null) {
                    connections[i].finishClose(closing[i], deadline);
                }
            }
            reaper.drain(STOP_CLOSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reaper.close();
        }
    }
}
