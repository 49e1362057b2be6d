package io.sluice.output.websocket;

import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import io.sluice.support.net.TlsSettings;
import java.util.List;

/** The {@code websocket} output: sends chunks to a WebSocket server, confirmed by Ping/Pong, healing itself. */
public final class WebSocketOutputPlugin implements OutputPlugin {

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public String description() {
        return "Websocket";
    }

    @Override
    public List<Property<?>> properties() {
        return WebSocketProperties.ALL;
    }

    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        TlsSettings.validate(config);
        // building the endpoint runs every check of host, URL and headers; the result itself is not needed yet
        Endpoint.from(config);
    }

    @Override
    public Output create(OutputContext context) throws PluginException {
        try {
            return new WebSocketOutput(context, WebSocketSettings.from(context));
        } catch (InvalidConfigException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }
}
