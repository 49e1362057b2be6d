package io.sluice.core.config;

import io.sluice.api.config.Property;
import io.sluice.core.plugin.LoadedPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything a {@link PipelineConfig} says except where it was written, as lines that compare with {@code equals}:
 * service settings, and per instance its plugin, names, tag, match, common settings, every entry as written and
 * every declared property's typed values.
 */
final class PipelineDescription {

    private PipelineDescription() {
    }

    static List<String> of(PipelineConfig config) {
        List<String> lines = new ArrayList<>();
        lines.add("service " + config.service());
        for (InputDefinition in : config.inputs()) {
            lines.add("input " + in.plugin().name() + " " + in.instanceName() + " tag=" + in.tag() + " mem_buf_limit="
                    + in.memBufLimit() + " log_level=" + in.logLevel() + " routable=" + in.routable() + " storage="
                    + in.storageType() + " pause=" + in.pauseOnChunksOverlimit());
            properties(lines, in.plugin(), in.config());
        }
        for (FilterDefinition filter : config.filters()) {
            lines.add("filter " + filter.plugin().name() + " " + filter.instanceName() + " match=" + filter.match()
                    + " match_regex=" + pattern(filter.matchRegex()) + " log_level=" + filter.logLevel());
            properties(lines, filter.plugin(), filter.config());
        }
        for (OutputDefinition out : config.outputs()) {
            lines.add("output " + out.plugin().name() + " " + out.instanceName() + " match=" + out.match()
                    + " match_regex=" + pattern(out.matchRegex()) + " retry_limit=" + out.retryLimit() + " workers="
                    + out.workers() + " log_level=" + out.logLevel() + " total_limit=" + out.totalLimitSize()
                    + " pause=" + out.pauseOnOverflow());
            properties(lines, out.plugin(), out.config());
        }
        return lines;
    }

    private static void properties(List<String> lines, LoadedPlugin<?> plugin, ValidatedConfig config) {
        config.settings().forEach(s -> lines.add("  setting " + s.key() + "=[" + s.value() + "]"));
        for (Property<?> p : plugin.properties()) {
            lines.add("  value " + p.name() + "=" + config.values(p.name()).stream()
                    .map(v -> v instanceof Pattern re ? "/" + re.pattern() + "/" : String.valueOf(v)).toList());
        }
    }

    private static String pattern(Pattern pattern) {
        return pattern == null ? null : pattern.pattern();
    }
}
