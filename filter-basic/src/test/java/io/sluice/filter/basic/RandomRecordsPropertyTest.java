package io.sluice.filter.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.EventBatch;
import io.sluice.api.FilterResult;
import io.sluice.support.event.EventBuffer;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random msgpack bodies, maps or not, never make a filter throw, and what comes out is valid events. */
class RandomRecordsPropertyTest {

    private static final String[] KEYS = {"log", "a", "b", "c", "k", "Mem.x", "Mem.y", "m", "name", "id", "x",
        "p_a", "", "é"};

    private static final List<Object[]> CONFIGS = List.of(
            new Object[] {new GrepPlugin(), new String[] {"regex", "log ^a", "exclude", "$m['a'] x"}},
            new Object[] {new GrepPlugin(), new String[] {"logical_op", "or", "exclude", "$a[0] .", "exclude",
                "name (?i)b"}},
            new Object[] {new ModifyPlugin(), new String[] {"condition", "Key_value_matches log a",
                "condition", "Matching_keys_have_matching_values ^M .", "set", "k v", "rename", "a b"}},
            new Object[] {new ModifyPlugin(), new String[] {"hard_copy", "b c", "remove_regex", "^M",
                "move_to_start", "x", "remove_wildcard", "p_*", "copy", "log c", "hard_rename", "name a",
                "add", "id 1", "move_to_end", "a", "remove", "b"}},
            new Object[] {new RecordModifierPlugin(), new String[] {"record", "x y", "remove_key", "k*",
                "uuid_key", "id"}},
            new Object[] {new RecordModifierPlugin(), new String[] {"allowlist_key", "log", "allowlist_key", "M*"}},
            new Object[] {new NestPlugin(), new String[] {"operation", "nest", "wildcard", "Mem*", "wildcard", "a",
                "nest_under", "m", "remove_prefix", "Mem."}},
            new Object[] {new NestPlugin(), new String[] {"operation", "lift", "nested_under", "m",
                "add_prefix", "p_"}},
            new Object[] {new RewriteTagPlugin(), new String[] {"rule", "$log ^(.)(.*) t.$1.$name.$TAG[1].$m true",
                "rule", "$m['a'] . x.$a.$m false"}},
            new Object[] {new ThrottlePlugin(), new String[] {"rate", "3", "window", "2"}});

    @Property(tries = 300)
    void randomBodiesNeverMakeAFilterThrow(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int records) {
        Random random = new Random(seed);
        EventBuffer b = new EventBuffer(1024);
        for (int i = 0; i < records; i++) {
            b.beginEvent(1_700_000_000L, i);
            if (random.nextInt(4) == 0) {
                value(b, random, 0);
            } else {
                map(b, random, 0);
            }
            b.endEvent();
        }
        EventBatch batch = new EventBatch("a.b", b.toByteArray(), 0, b.size(), records);
        for (Object[] config : CONFIGS) {
            Filters.Made made = Filters.make((io.sluice.api.FilterPlugin) config[0], (String[]) config[1]);
            Run run = Run.of(made.filter(), batch, Set.of("x.."));
            if (!(config[0] instanceof GrepPlugin || config[0] instanceof ThrottlePlugin
                    || config[0] instanceof RewriteTagPlugin)) {
                assertThat(run.kept()).as("%s keeps every record", config[0]).hasSize(records);
            } else {
                assertThat(run.kept().size()).isLessThanOrEqualTo(records);
            }
            made.filter().stop();
        }
    }

    @Property(tries = 300)
    void randomBytesAsABatchPassUnchanged(@ForAll @Size(max = 80) byte[] bytes) {
        EventBatch batch = new EventBatch("t", bytes, 0, bytes.length, 1);
        for (Object[] config : CONFIGS) {
            Filters.Made made = Filters.make((io.sluice.api.FilterPlugin) config[0], (String[]) config[1]);
            FilterResult result = made.filter().filter(batch, Records.NO_SINK);
            assertThat(result).isNotNull();
            made.filter().stop();
        }
    }

    private static void map(EventBuffer b, Random random, int depth) {
        int n = random.nextInt(6);
        b.writeMapHeader(n);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(10) == 0) {
                value(b, random, depth + 1);
            } else {
                b.writeString(KEYS[random.nextInt(KEYS.length)]);
            }
            value(b, random, depth + 1);
        }
    }

    private static void value(EventBuffer b, Random random, int depth) {
        int kind = random.nextInt(depth >= 3 ? 8 : 10);
        switch (kind) {
            case 0 -> b.writeNil();
            case 1 -> b.writeBoolean(random.nextBoolean());
            case 2 -> b.writeLong(random.nextLong() >> random.nextInt(64));
            case 3 -> b.writeDouble(random.nextDouble() * 1e6);
            case 4, 5 -> {
                String[] texts = {"a", "abc-123", "x", "bx", "", "日本", "a\nb", "Mem.total"};
                b.writeString(texts[random.nextInt(texts.length)]);
            }
            case 6 -> {
                byte[] bin = new byte[random.nextInt(5)];
                random.nextBytes(bin);
                b.writeBinary(bin, 0, bin.length);
            }
            case 7 -> {
                // an ext value
                b.write(0xd4);
                b.write(random.nextInt(128));
                b.write(random.nextInt(256));
            }
            case 8 -> map(b, random, depth + 1);
            default -> {
                int n = random.nextInt(4);
                b.writeArrayHeader(n);
                for (int i = 0; i < n; i++) {
                    value(b, random, depth + 1);
                }
            }
        }
    }
}
