package io.sluice.output.websocket;

import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.PropertySpec;
import java.util.List;

/** The {@code websocket} output: sends chunks to a WebSocket server, confirmed by Ping/Pong, healing itself. */
public final class WebSocketOutputPlugin implements OutputPlugin {

    private static final List<PropertySpec> PROPERTIES = WebSocketSettings.properties();

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public String description() {
        return "Websocket";
    }

    @Override
    public List<PropertySpec> properties() {
        return PROPERTIES;
    }

    @Override
    public Output create(OutputContext context) throws PluginException {
        try {
            return new WebSocketOutput(context, WebSocketSettings.from(context.config()));
        } catch (IllegalArgumentException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }
}
