package io.sluice.core.config;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.FilterPlugin;
import io.sluice.api.config.Property;
import io.sluice.api.config.PropertyGroup;
import io.sluice.core.plugin.LoadedPlugin;
import io.sluice.core.plugin.PluginCatalog;
import io.sluice.core.plugin.PluginKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A catalog of small fake plugins (cpu, tcp inputs; stdout, websocket outputs) declaring every property type. */
public final class TestCatalog implements PluginCatalog {

    private final List<LoadedPlugin<InputPlugin>> inputs = List.of(
            loaded(new FakeInput("cpu", "CPU Usage", List.of(
                    Property.integer("interval_sec", "Sampling interval in seconds").withDefault("1").range(0, 86400),
                    Property.integer("pid", "Process to measure")))),
            loaded(new FakeInput("tcp", "TCP", List.of(
                    Property.string("listen", "Address to listen on").withDefault("0.0.0.0"),
                    Property.integer("port", "Port to listen on").withDefault("5170").range(0, 65535),
                    Property.choice("format", "Payload format", "json", "none").withDefault("json"),
                    Property.size("buffer_size", "Read buffer size").withDefault("32K"),
                    Property.bool("tls", "Enable TLS").withDefault("off").inGroup(PropertyGroup.NETWORK_TLS)))));

    private final List<LoadedPlugin<OutputPlugin>> outputs = List.of(
            loaded(new FakeOutput("stdout", "Prints events to STDOUT", 1, List.of(
                    Property.choice("format", "Output format", "msgpack", "json", "json_lines").withDefault("msgpack"),
                    Property.string("json_date_key", "Date key").withDefault("date")))),
            loaded(new FakeOutput("wide", "Asks for more workers than sluice allows", 100, List.of())),
            loaded(new FakeOutput("websocket", "Websocket", 0, List.of(
                    Property.string("host", "Host to connect to").withDefault("127.0.0.1"),
                    Property.integer("port", "Port to connect to").withDefault("80").range(1, 65535),
                    Property.string("uri", "Request path").withDefault("/"),
                    Property.string("header", "Extra HTTP header, NAME VALUE").repeatable().secret(),
                    Property.time("idle_interval", "Ping interval").withDefault("20s"),
                    Property.decimal("ratio", "A ratio"),
                    Property.bool("net.keepalive", "Keep connections alive").withDefault("true")
                            .inGroup(PropertyGroup.NETWORKING),
                    Property.bool("tls", "Enable TLS").withDefault("off").inGroup(PropertyGroup.NETWORK_TLS)))));

    @Override
    public Optional<LoadedPlugin<InputPlugin>> input(String name) {
        return inputs.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public Optional<LoadedPlugin<FilterPlugin>> filter(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<LoadedPlugin<OutputPlugin>> output(String name) {
        return outputs.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public List<LoadedPlugin<?>> all() {
        List<LoadedPlugin<?>> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        return all;
    }

    private static LoadedPlugin<InputPlugin> loaded(InputPlugin factory) {
        return LoadedPlugin.onClassPath(factory, PluginKind.INPUT);
    }

    private static LoadedPlugin<OutputPlugin> loaded(OutputPlugin factory) {
        return LoadedPlugin.onClassPath(factory, PluginKind.OUTPUT);
    }

    private record FakeInput(String name, String description, List<Property<?>> properties) implements InputPlugin {
        @Override
        public Input create(InputContext context) throws PluginException {
            throw new PluginException("fake plugins are not created in configuration tests");
        }
    }

    private record FakeOutput(String name, String description, int defaultWorkers, List<Property<?>> properties)
            implements OutputPlugin {
        @Override
        public Output create(OutputContext context) throws PluginException {
            throw new PluginException("fake plugins are not created in configuration tests");
        }
    }
}
