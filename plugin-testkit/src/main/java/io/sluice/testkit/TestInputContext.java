package io.sluice.api.testing;

import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.config.PluginConfig;
import java.util.Map;

/** What core hands an input instance {@code <name>.0} without a Tag, with its emitted events recorded. */
public final class TestInputContext extends TestPluginContext implements InputContext {

    private final RecordingEmitter emitter;

    /** The first instance of {@code plugin}, with single-valued {@code settings}, emitting into {@code emitter}. */
    public TestInputContext(InputPlugin plugin, Map<String, String> settings, RecordingEmitter emitter) {
        super(plugin.name() + ".0", PluginConfig.ofSingle(plugin.properties(), settings));
        this.emitter = emitter;
    }

    /** The first instance of {@code plugin}, configured with single-valued {@code settings}. */
    public TestInputContext(InputPlugin plugin, Map<String, String> settings) {
        this(plugin, settings, new RecordingEmitter());
    }

    /** The instance name, as core tags events when no {@code Tag} is set. */
    @Override
    public String tag() {
        return instanceName();
    }

    @Override
    public RecordingEmitter emitter() {
        return emitter;
    }
}
