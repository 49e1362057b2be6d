package io.sluice.core;

import io.sluice.core.config.ConfigException;
import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.Origin;
import io.sluice.core.config.OutputDefinition;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.StorageType;
import io.sluice.core.engine.HeapBudget;
import io.sluice.core.engine.RouteRule;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a whole configuration for what would only show at run time: buffer limits that cannot fit in the heap, an
 * input whose records no output takes, a pipeline with no input or no output. What cannot work is an error (at
 * {@code --dry-run} and at start); what is likely a mistake is a warning at start, and an error with
 * {@code --dry-run} where the issue is the whole pipeline.
 */
final class StartupChecks {

    private static final Logger LOG = LoggerFactory.getLogger("config");

    private StartupChecks() {
    }

    /**
     * @param configFile the configuration file as given with {@code -c}, or null: errors about the whole pipeline
     *                   name it
     */
    static void check(PipelineConfig config, boolean dryRun, long maxHeap, String configFile)
            throws ConfigException {
        Origin whole = configFile == null ? Origin.COMMAND_LINE : new Origin(configFile, 0);
        checkMemory(config, maxHeap, whole);
        if (config.inputs().isEmpty() || config.outputs().isEmpty()) {
            String what = config.inputs().isEmpty() ? "no input" : "no output";
            if (dryRun) {
                throw new ConfigException(whole, null, "the pipeline has " + what
                        + ": nothing would be " + (config.inputs().isEmpty() ? "collected" : "delivered"));
            }
            LOG.warn("the pipeline has {}: nothing will be {}", what,
                    config.inputs().isEmpty() ? "collected" : "delivered");
        }
        for (InputDefinition input : config.inputs()) {
            if (!input.routable() || config.outputs().isEmpty()) {
                continue;
            }
            boolean routed = config.outputs().stream().anyMatch(o -> RouteRule.of(o, config).matches(input.tag()));
            if (!routed && config.filters().isEmpty()) {
                LOG.warn("input {} (tag '{}') matches no output: its records will be discarded (counted); outputs "
                        + "match {}", input.instanceName(), input.tag(), patterns(config.outputs()));
            }
        }
    }

    /**
     * Refuses buffer limits the heap cannot hold ({@link HeapBudget}); an error names the section of the largest
     * limit: the input's, or the file's when it is the engine-wide one of {@code [SERVICE]}. Says so when the backlog
     * will be read with less than {@code storage.backlog.mem_limit}.
     */
    private static void checkMemory(PipelineConfig config, long maxHeap, Origin whole) throws ConfigException {
        long needed = HeapBudget.buffers(config);
        if (needed > maxHeap) {
            InputDefinition largest = config.inputs().stream()
                    .filter(i -> i.storageType() != StorageType.FILESYSTEM && i.memBufLimit() > 0)
                    .max(java.util.Comparator.comparingLong(InputDefinition::memBufLimit)).orElse(null);
            boolean shared = config.inputs().stream()
                    .anyMatch(i -> i.storageType() == StorageType.FILESYSTEM || i.memBufLimit() <= 0);
            Origin culprit = largest != null && (!shared || largest.memBufLimit() >= config.service().memBufLimit())
                    ? largest.origin() : whole;
            throw new ConfigException(culprit, "mem_buf_limit", "the configured buffer limits need about "
                    + mb(needed) + " of heap but the JVM has " + mb(maxHeap) + ": lower the Mem_Buf_Limit values "
                    + "(inputs' and [SERVICE]'s), or give sluice more heap with JAVA_OPTS=-Xmx"
                    + ((needed * 5 / 4) / 1_000_000 + 1) + "m");
        }
        if (config.service().storagePath() != null) {
            long configured = config.service().storage().backlogMemLimit();
            long used = HeapBudget.backlogLimit(config, maxHeap);
            if (used < configured) {
                LOG.info("storage.backlog.mem_limit {} does not fit the heap ({}) beside the other buffers: the "
                        + "backlog is read with at most {} in memory (JAVA_OPTS=-Xmx… raises it)", mb(configured),
                        mb(maxHeap), mb(used));
            }
        }
    }

    private static String patterns(List<OutputDefinition> outputs) {
        return outputs.stream().map(o -> o.instanceName() + "=" + (o.match() != null ? "'" + o.match() + "'"
                : o.matchRegex() != null ? "/" + o.matchRegex() + "/" : "(none)")).collect(Collectors.joining(", "));
    }

    private static String mb(long bytes) {
        return (bytes + 999_999) / 1_000_000 + " MB";
    }
}
