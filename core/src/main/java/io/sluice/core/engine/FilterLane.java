package io.sluice.core.engine;

import io.sluice.api.EventBatch;
import io.sluice.api.Filter;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.core.config.FilterDefinition;
import io.sluice.core.log.SuppressingLog;
import io.sluice.core.plugin.PluginFailure;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One filter instance inside the engine: its Match rule, its counters, and a lock so that the plugin is never called
 * from two inputs' threads at once. A filter that throws, or answers nothing, passes the batch on unchanged: logged
 * (rate-limited) and counted in {@code errors}, never a lost batch.
 */
final class FilterLane {

    private static final Logger LOG = LoggerFactory.getLogger("engine");

    private final FilterDefinition definition;
    private final RouteRule rule;
    private final InstanceMetrics metrics;
    private final SuppressingLog failures = new SuppressingLog(LOG, 10_000);
    private final ReentrantLock lock = new ReentrantLock();
    private Filter filter;
    private boolean started;

    FilterLane(FilterDefinition definition) {
        this.definition = definition;
        this.rule = new RouteRule(definition.match(), definition.matchRegex());
        this.metrics = InstanceMetrics.forFilter(definition.instanceName(), definition.plugin().name());
    }

    void attach(Filter created) {
        this.filter = created;
    }

    void start() throws PluginFailure {
        definition.plugin().call(() -> {
            filter.start();
            return null;
        });
        started = true;
    }

    void stop() {
        if (!started) {
            return;
        }
        started = false;
        try {
            definition.plugin().call(() -> {
                filter.stop();
                return null;
            });
        } catch (PluginFailure e) {
            LOG.error("filter {} failed to stop cleanly: {}", name(), e.getMessage());
        }
    }

    boolean matches(String tag) {
        return rule.matches(tag);
    }

    /**
     * Runs the filter on {@code batch}; what it keeps goes to {@code sink}. Returns whether the batch was replaced
     * (the sink then holds the new one, possibly empty); false leaves the batch as it was.
     */
    boolean apply(EventBatch batch, FilterSink sink) {
        FilterResult result;
        lock.lock();
        try {
            result = definition.plugin().call(() -> filter.filter(batch, sink));
        } catch (PluginFailure e) {
            metrics.engine("errors").increment();
            failures.error("crash", null, "filter {} failed on a batch of {} records tagged '{}': {}; the batch passes "
                    + "unchanged", name(), batch.records(), batch.tag(), e.getMessage());
            return false;
        } finally {
            lock.unlock();
        }
        if (result == null) {
            metrics.engine("errors").increment();
            failures.error("null", null, "filter {} returned no result; the batch passes unchanged", name());
            return false;
        }
        return result == FilterResult.REPLACED;
    }

    FilterDefinition definition() {
        return definition;
    }

    InstanceMetrics metrics() {
        return metrics;
    }

    String name() {
        return definition.instanceName();
    }
}
