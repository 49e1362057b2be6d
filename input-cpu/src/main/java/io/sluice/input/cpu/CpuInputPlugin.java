package io.sluice.input.cpu;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.io.File;
import java.util.List;

/** The {@code cpu} input: CPU usage of the whole system or of one process, sampled from Linux's {@code /proc}. */
public final class CpuInputPlugin implements InputPlugin {

    /** The {@link #PID} that stands for the whole system. */
    static final int WHOLE_SYSTEM = -1;

    static final Property<Integer> INTERVAL_SEC = Property.integer("interval_sec",
            "Set the collector interval (seconds part).").withDefault("1").range(0, Integer.MAX_VALUE);
    static final Property<Integer> INTERVAL_NSEC = Property.integer("interval_nsec",
            "Set the collector interval (nanoseconds part).").withDefault("0").range(0, 999_999_999);
    static final Property<Integer> PID = Property.integer("pid",
            "Measure only the process with this PID; -1 for the whole system.").withDefault("-1");

    private static final List<Property<?>> PROPERTIES = List.of(INTERVAL_SEC, INTERVAL_NSEC, PID);

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "CPU Usage";
    }

    @Override
    public List<Property<?>> properties() {
        return PROPERTIES;
    }

    /** Refuses a PID that is neither a process nor the whole system: a range cannot leave out 0 and keep -1. */
    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        int pid = config.get(PID);
        if (pid != WHOLE_SYSTEM && pid < 1) {
            throw new InvalidConfigException(PID, "invalid PID " + pid
                    + ": expected -1 for the whole system or a process ID of at least 1");
        }
    }

    @Override
    public Input create(InputContext context) {
        return new CpuInput(context, CpuSettings.from(context.config()), new File("/proc"));
    }
}
