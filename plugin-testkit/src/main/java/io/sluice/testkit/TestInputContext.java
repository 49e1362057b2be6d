package io.sluice.testkit;

import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.config.Setting;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** What core hands an input instance {@code <name>.0} without a Tag, with its emitted events recorded. */
public final class TestInputContext extends TestPluginContext implements InputContext {

    private final RecordingEmitter emitter;
    private final List<String> failures = new CopyOnWriteArrayList<>();

    /** The first instance of {@code plugin}, with {@code settings} in order, emitting into {@code emitter}. */
    public TestInputContext(InputPlugin plugin, List<Setting> settings, RecordingEmitter emitter) {
        super(plugin.name() + ".0", TestConfigs.of(plugin, settings));
        this.emitter = emitter;
        emitter.defaultTag(plugin.name() + ".0");
    }

    /** The first instance of {@code plugin}, with single-valued {@code settings}, emitting into {@code emitter}. */
    public TestInputContext(InputPlugin plugin, Map<String, String> settings, RecordingEmitter emitter) {
        super(plugin.name() + ".0", TestConfigs.of(plugin, settings));
        this.emitter = emitter;
        emitter.defaultTag(plugin.name() + ".0");
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

    @Override
    public void reportFailure(String reason, Throwable cause) {
        failures.add(reason);
    }

    /** The failures the input reported, in order. */
    public List<String> failures() {
        return List.copyOf(failures);
    }
}
