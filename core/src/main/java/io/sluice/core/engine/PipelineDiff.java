package io.sluice.core.engine;

import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.OutputDefinition;
import io.sluice.core.config.ValidatedConfig;
import io.sluice.core.plugin.LoadedPlugin;
import java.util.Objects;

/**
 * Tells which instances a reload leaves as they are. An input or output is unchanged when it has the same instance
 * name, the same plugin (same jar or built-in, same version) and every setting the same, common and plugin ones; it
 * then keeps running through the reload, its sockets and connections included.
 */
final class PipelineDiff {

    private PipelineDiff() {
    }

    static boolean same(InputDefinition a, InputDefinition b) {
        return a.instanceName().equals(b.instanceName()) && samePlugin(a.plugin(), b.plugin())
                && a.tag().equals(b.tag()) && a.memBufLimit() == b.memBufLimit() && a.routable() == b.routable()
                && a.storageType() == b.storageType() && a.pauseOnChunksOverlimit() == b.pauseOnChunksOverlimit()
                && Objects.equals(a.logLevel(), b.logLevel()) && sameSettings(a.config(), b.config());
    }

    static boolean same(OutputDefinition a, OutputDefinition b) {
        return a.instanceName().equals(b.instanceName()) && samePlugin(a.plugin(), b.plugin())
                && Objects.equals(a.match(), b.match())
                && Objects.equals(String.valueOf(a.matchRegex()), String.valueOf(b.matchRegex()))
                && a.retryLimit() == b.retryLimit() && a.workers() == b.workers()
                && a.totalLimitSize() == b.totalLimitSize() && a.pauseOnOverflow() == b.pauseOnOverflow()
                && Objects.equals(a.logLevel(), b.logLevel()) && sameSettings(a.config(), b.config());
    }

    private static boolean samePlugin(LoadedPlugin<?> a, LoadedPlugin<?> b) {
        return a.name().equals(b.name()) && a.version().equals(b.version())
                && Objects.equals(a.source(), b.source());
    }

    private static boolean sameSettings(ValidatedConfig a, ValidatedConfig b) {
        return a.settings().equals(b.settings());
    }
}
