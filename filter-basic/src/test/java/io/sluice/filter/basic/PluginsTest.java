package io.sluice.filter.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.EventBatch;
import io.sluice.api.FilterPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PluginsTest {

    @Test
    void theJarRegistersTheSixFiltersUnderFluentBitsNames() {
        List<String> names = ServiceLoader.load(FilterPlugin.class).stream().map(p -> p.get().name()).toList();
        assertThat(names).containsExactlyInAnyOrder("grep", "modify", "record_modifier", "nest", "rewrite_tag",
                "throttle");
    }

    @Test
    void everyPropertyHasADescription() {
        ServiceLoader.load(FilterPlugin.class).forEach(p -> {
            assertThat(p.description()).isNotBlank();
            p.properties().forEach(prop -> assertThat(prop.description()).as(prop.name()).isNotBlank());
        });
    }

    @Test
    void recordsNoRuleTouchesKeepTheirExactBytesInAReplacedBatch() {
        Filters.Made modify = Filters.make(new ModifyPlugin(), "condition", "Key_exists change", "set", "a b");
        EventBatch batch = Run.batch("t", "{'x':1.5,'y':[1,{'z':null}]}", "{'change':1}", "{'q':'\u00e9'}");
        Run run = Run.of(modify.filter(), batch, java.util.Set.of());
        List<byte[]> in = events(batch.data(), batch.offset(), batch.length());
        List<byte[]> out = events(run.keptBytes(), 0, run.keptBytes().length);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo(in.get(0));
        assertThat(out.get(1)).isNotEqualTo(in.get(1));
        assertThat(out.get(2)).isEqualTo(in.get(2));
    }

    private static List<byte[]> events(byte[] data, int offset, int length) {
        List<byte[]> out = new ArrayList<>();
        EventWalker ev = new EventWalker();
        ev.reset(new EventBatch("t", data, offset, length, 0));
        while (ev.next()) {
            out.add(java.util.Arrays.copyOfRange(data, ev.start, ev.end()));
        }
        return out;
    }
}
