package io.sluice.core.config;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.Output;
import io.sluice.api.OutputContext;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.PropertyGroup;
import io.sluice.api.config.PropertySpec;
import io.sluice.api.config.PropertyType;
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
                    PropertySpec.of("interval_sec", PropertyType.INTEGER, "1", "Sampling interval in seconds"),
                    PropertySpec.of("pid", PropertyType.INTEGER, null, "Process to measure")))),
            loaded(new FakeInput("tcp", "TCP", List.of(
                    PropertySpec.of("listen", PropertyType.STRING, "0.0.0.0", "Address to listen on"),
                    PropertySpec.of("port", PropertyType.INTEGER, "5170", "Port to listen on"),
                    PropertySpec.choice("format", "json", "Payload format", "json", "none"),
                    PropertySpec.of("buffer_size", PropertyType.SIZE, "32K", "Read buffer size"),
                    PropertySpec.of("tls", PropertyType.BOOLEAN, "off", "Enable TLS")
                            .inGroup(PropertyGroup.NETWORK_TLS)))));

    private final List<LoadedPlugin<OutputPlugin>> outputs = List.of(
            loaded(new FakeOutput("stdout", "Prints events to STDOUT", 1, List.of(
                    PropertySpec.choice("format", "msgpack", "Output format", "msgpack", "json", "json_lines"),
                    PropertySpec.of("json_date_key", PropertyType.STRING, "date", "Date key")))),
            loaded(new FakeOutput("websocket", "Websocket", 0, List.of(
                    PropertySpec.of("host", PropertyType.STRING, "127.0.0.1", "Host to connect to"),
                    PropertySpec.of("port", PropertyType.INTEGER, "80", "Port to connect to"),
                    PropertySpec.of("uri", PropertyType.STRING, "/", "Request path"),
                    PropertySpec.multi("header", "Extra HTTP header, NAME VALUE"),
                    PropertySpec.of("idle_interval", PropertyType.TIME, "20s", "Ping interval"),
                    PropertySpec.of("ratio", PropertyType.DOUBLE, null, "A ratio"),
                    PropertySpec.of("net.keepalive", PropertyType.BOOLEAN, "true", "Keep connections alive")
                            .inGroup(PropertyGroup.NETWORKING),
                    PropertySpec.of("tls", PropertyType.BOOLEAN, "off", "Enable TLS")
                            .inGroup(PropertyGroup.NETWORK_TLS)))));

    @Override
    public Optional<LoadedPlugin<InputPlugin>> input(String name) {
        return inputs.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
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
        return new LoadedPlugin<>(factory, PluginKind.INPUT, "1.0.0", "1.0", null, TestCatalog.class.getClassLoader());
    }

    private static LoadedPlugin<OutputPlugin> loaded(OutputPlugin factory) {
        return new LoadedPlugin<>(factory, PluginKind.OUTPUT, "1.0.0", "1.0", null,
                TestCatalog.class.getClassLoader());
    }

    private record FakeInput(String name, String description, List<PropertySpec> properties) implements InputPlugin {
        @Override
        public Input create(InputContext context) throws PluginException {
            throw new PluginException("fake plugins are not created in configuration tests");
        }
    }

    private record FakeOutput(String name, String description, int defaultWorkers, List<PropertySpec> properties)
            implements OutputPlugin {
        @Override
        public Output create(OutputContext context) throws PluginException {
            throw new PluginException("fake plugins are not created in configuration tests");
        }
    }
}
