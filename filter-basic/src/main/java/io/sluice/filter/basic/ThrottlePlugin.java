package io.sluice.filter.basic;

import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.PluginException;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fluent Bit's {@code throttle} filter: a sliding window that drops records over a rate. */
public final class ThrottlePlugin implements FilterPlugin {

    private static final Pattern INTERVAL_FORM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([smhd]?)");

    static final Property<Double> RATE = Property.decimal("rate", "records allowed per Interval, on average over "
            + "the window; values below 1 count as 1").withDefault("1");
    static final Property<Integer> WINDOW = Property.integer("window", "how many Intervals the average spans")
            .withDefault("5").range(1, 1_000_000);
    static final Property<String> INTERVAL = Property.string("interval", "the length of one pane of the window: "
            + "a number of seconds with an optional s, m, h or d suffix (1.5m = 90 s), at least 1 second")
            .withDefault("1");
    static final Property<Boolean> PRINT_STATUS = Property.bool("print_status", "log the limit and the current rate "
            + "at every Interval").withDefault("false");

    @Override
    public String name() {
        return "throttle";
    }

    @Override
    public String description() {
        return "Throttle messages using sliding window algorithm";
    }

    @Override
    public List<Property<?>> properties() {
        return List.of(RATE, WINDOW, INTERVAL, PRINT_STATUS);
    }

    @Override
    public void validate(PluginConfig config) throws InvalidConfigException {
        intervalSeconds(config.get(INTERVAL));
    }

    /** Interval in whole seconds, at least 1. */
    static long intervalSeconds(String text) throws InvalidConfigException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = INTERVAL_FORM.matcher(t);
        if (!m.matches()) {
            throw new InvalidConfigException(INTERVAL, "invalid time interval '" + text + "': expected a number of "
                    + "seconds with an optional s, m, h or d suffix, such as 1, 30s or 1.5m");
        }
        long unit = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
        double seconds = Double.parseDouble(m.group(1)) * unit;
        if (seconds < 1) {
            throw new InvalidConfigException(INTERVAL, "interval '" + text + "' is shorter than 1 second; the window "
                    + "moves once per Interval, so it must be at least 1 second");
        }
        if (seconds > 365L * 86400) {
            throw new InvalidConfigException(INTERVAL, "interval '" + text + "' is longer than a year");
        }
        return (long) seconds;
    }

    @Override
    public Filter create(FilterContext context) throws PluginException {
        PluginConfig config = context.config();
        long interval;
        try {
            interval = intervalSeconds(config.get(INTERVAL));
        } catch (InvalidConfigException e) {
            throw new PluginException(e.property() + ": " + e.getMessage(), e);
        }
        double rate = config.get(RATE);
        if (rate < 1) {
            context.logger().warn("rate {} is below 1; using 1, as Fluent Bit does", rate);
            rate = 1;
        }
        return new ThrottleFilter(context, rate, config.get(WINDOW), interval, config.get(INTERVAL).trim(),
                config.get(PRINT_STATUS), System::nanoTime);
    }
}
