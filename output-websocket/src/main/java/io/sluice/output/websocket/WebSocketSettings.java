package io.sluice.output.websocket;

import io.sluice.api.PluginContext;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.support.format.FormatOptions;
import io.sluice.support.net.NetSettings;
import io.sluice.support.net.TlsSettings;
import java.time.Duration;

/**
 * The validated settings of one websocket output.
 *
 * @param endpoint        the URL ({@code ws://} or {@code wss://}) and the extra handshake headers
 * @param format          how chunks are formatted
 * @param perRecord       {@code message_mode record}: one message per record instead of one per chunk
 * @param confirmDelivery whether a chunk counts as delivered only when the Pong of a Ping sent after it arrives
 * @param confirmTimeout  how long to wait for that Pong (or, without confirmation, for the send buffer to drain)
 * @param compress        whether permessage-deflate is offered
 * @param maxMessageSize  the largest message in bytes ({@code max_message_size}), 0 when not set
 * @param net             the {@code net.*} settings
 * @param tls             the {@code tls*} settings
 */
record WebSocketSettings(Endpoint endpoint, FormatOptions format, boolean perRecord, boolean confirmDelivery,
                         Duration confirmTimeout, boolean compress, int maxMessageSize, NetSettings net,
                         TlsSettings tls) {

    /**
     * The settings of a running instance: its configuration, with the {@code [SERVICE]} settings outputs honour
     * ({@code json.escape_unicode}) applied.
     */
    static WebSocketSettings from(PluginContext context) throws InvalidConfigException {
        return from(context.config(), FormatOptions.from(context));
    }

    /**
     * Reads a configuration alone (service settings at their defaults); one the plugin's {@code validate} accepted
     * is never refused.
     */
    static WebSocketSettings from(PluginConfig config) throws InvalidConfigException {
        return from(config, FormatOptions.from(config));
    }

    private static WebSocketSettings from(PluginConfig config, FormatOptions format) throws InvalidConfigException {
        Long max = config.get(WebSocketProperties.MAX_MESSAGE_SIZE);
        return new WebSocketSettings(Endpoint.from(config), format,
                config.get(WebSocketProperties.MESSAGE_MODE).equals("record"),
                config.get(WebSocketProperties.CONFIRM_DELIVERY), config.get(WebSocketProperties.CONFIRM_TIMEOUT),
                config.get(WebSocketProperties.COMPRESS), max == null ? 0 : (int) (long) max, NetSettings.from(config),
                TlsSettings.from(config));
    }
}
