package io.sluice.input.cpu;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.config.PropertySpec;
import io.sluice.api.config.PropertyType;
import java.io.File;
import java.util.List;

/** The {@code cpu} input: CPU usage of the whole system or of one process, sampled from Linux's {@code /proc}. */
public final class CpuInputPlugin implements InputPlugin {

    private static final List<PropertySpec> PROPERTIES = List.of(
            PropertySpec.of(CpuSettings.INTERVAL_SEC, PropertyType.INTEGER, "1",
                    "Set the collector interval (seconds part)."),
            PropertySpec.of(CpuSettings.INTERVAL_NSEC, PropertyType.INTEGER, "0",
                    "Set the collector interval (nanoseconds part)."),
            PropertySpec.of(CpuSettings.PID, PropertyType.INTEGER, "-1",
                    "Measure only the process with this PID; the whole system when unset or not above 0."));

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "CPU Usage";
    }

    @Override
    public List<PropertySpec> properties() {
        return PROPERTIES;
    }

    @Override
    public Input create(InputContext context) {
        return new CpuInput(context, CpuSettings.from(context.config()), new File("/proc"));
    }
}
