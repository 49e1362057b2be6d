package io.sluice.output.websocket;

import io.sluice.api.config.Property;
import io.sluice.support.format.FormatOptions;
import io.sluice.support.net.NetSettings;
import io.sluice.support.net.TlsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The websocket output's configuration properties, each declared once. */
final class WebSocketProperties {

    static final Property<String> HOST = Property.string("host", "Host of the WebSocket server")
            .withDefault("127.0.0.1");
    // no declared default: it depends on tls, so Endpoint applies it
    static final Property<Integer> PORT = Property.integer("port",
            "TCP port of the WebSocket server; when not set, 443 if tls is on, else 80").range(1, 65535);
    static final Property<String> URI = Property.string("uri",
            "Path (and query) of the WebSocket endpoint; a missing leading / is added").withDefault("/");
    static final Property<String> HEADER = Property.string("header",
            "Extra handshake header 'Name value' (a single word is both name and value); values are never shown")
            .repeatable().secret();
    static final Property<String> MESSAGE_MODE = Property.choice("message_mode",
            "chunk: one message per flushed chunk; record: one message per record", "chunk", "record")
            .withDefault("chunk");
    static final Property<Boolean> CONFIRM_DELIVERY = Property.bool("confirm_delivery",
            "Count a chunk delivered only when the server answers a Ping sent after it").withDefault("on");
    // capped at a day like net.connect_timeout: a deadline in nanoseconds overflows for absurdly long times
    static final Property<Duration> CONFIRM_TIMEOUT = Property.time("confirm_timeout",
            "How long sending a chunk and receiving that Pong may take before the connection is considered dead "
                    + "and the chunk retried; raise it for slow links").withDefault("10s").range(1, 86_400);
    // no default: without it, messages are cut only once the server has closed with 1009 (message too big)
    static final Property<Long> MAX_MESSAGE_SIZE = Property.size("max_message_size",
            "Largest message to send, in bytes (64k = 64000); a chunk is cut into several messages at record "
                    + "boundaries, and a record larger than this alone is not sent but counted. When not set, "
                    + "messages are cut once the server closes with 1009 (message too big)")
            .range(MessageLimits.MIN_CONFIGURED, MessageLimits.MAX_CONFIGURED);
    static final Property<Boolean> COMPRESS = Property.bool("compress",
            "Offer permessage-deflate compression (used only if the server accepts it)").withDefault("off");

    /** Every property, in the order {@code -h} lists them. */
    static final List<Property<?>> ALL = all();

    private WebSocketProperties() {
    }

    private static List<Property<?>> all() {
        List<Property<?>> all = new ArrayList<>(List.of(HOST, PORT, URI, HEADER));
        all.addAll(FormatOptions.properties("msgpack"));
        all.addAll(List.of(MESSAGE_MODE, MAX_MESSAGE_SIZE, CONFIRM_DELIVERY, CONFIRM_TIMEOUT, COMPRESS));
        all.addAll(NetSettings.properties());
        all.addAll(TlsSettings.properties());
        return List.copyOf(all);
    }
}
