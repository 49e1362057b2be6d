package io.sluice.bench.filters;

import io.sluice.api.FilterContext;
import io.sluice.api.PluginMetrics;
import io.sluice.api.RateLimitedLog;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import io.sluice.api.config.PropertyType;
import io.sluice.api.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A filter context standing in for core's, enough for the filters under benchmark: string-typed properties only
 * (grep, modify and record_modifier declare nothing else that the benchmark sets), counters in memory, logging off.
 */
final class BenchContext implements FilterContext {

    private final String name;
    private final List<Setting> settings;

    BenchContext(String name, String... keyValues) {
        this.name = name;
        List<Setting> list = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            list.add(new Setting(keyValues[i], keyValues[i + 1]));
        }
        this.settings = List.copyOf(list);
    }

    @Override
    public String instanceName() {
        return name;
    }

    @Override
    public PluginConfig config() {
        return new PluginConfig() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(Property<T> property) {
                List<T> all = getAll(property);
                return all.isEmpty() ? null : all.get(all.size() - 1);
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> List<T> getAll(Property<T> property) {
                if (property.type() != PropertyType.STRING) {
                    throw new IllegalArgumentException("the benchmark context reads strings only: " + property);
                }
                List<T> values = new ArrayList<>();
                for (Setting s : settings) {
                    if (s.key().equals(property.name())) {
                        values.add((T) s.value());
                    }
                }
                if (values.isEmpty() && property.defaultValue() != null) {
                    values.add((T) property.defaultValue());
                }
                return values;
            }

            @Override
            public boolean isSet(Property<?> property) {
                return settings.stream().anyMatch(s -> s.key().equals(property.name()));
            }

            @Override
            public List<Setting> settings() {
                return settings;
            }
        };
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("bench." + name);
    }

    @Override
    public RateLimitedLog rateLimitedLog() {
        return new RateLimitedLog() {
            @Override
            public void warn(String kind, String subject, String format, Object... args) {
            }

            @Override
            public void error(String kind, String subject, String format, Object... args) {
            }
        };
    }

    @Override
    public PluginMetrics metrics() {
        return (counterName, help) -> new PluginMetrics.Counter() {
            private final AtomicLong value = new AtomicLong();

            @Override
            public void add(long n) {
                value.addAndGet(n);
            }

            @Override
            public long get() {
                return value.get();
            }
        };
    }

    @Override
    public Optional<String> serviceSetting(String key) {
        return Optional.empty();
    }
}
