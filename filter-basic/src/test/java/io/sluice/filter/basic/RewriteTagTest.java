package io.sluice.filter.basic;

import static io.sluice.filter.basic.Filters.configError;
import static io.sluice.filter.basic.Filters.make;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sluice.api.EventBatch;
import io.sluice.api.FilterResult;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventBuffer;
import io.sluice.support.event.EventTime;
import io.sluice.testkit.FilterRun;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RewriteTagTest {

    private static final RewriteTagPlugin PLUGIN = new RewriteTagPlugin();

    @Nested
    class Rules {

        @Test
        void theSpecExampleEmitsACopyUnderTheRenderedTagAndRemovesTheOriginal() {
            Run run = make(PLUGIN, "rule", "$name ^([a-z]+)-([0-9]+)$ new.$TAG[1].$1.$ss['s1']['s2'] false")
                    .run("aa.bb.cc", "{'name':'abc-123','ss':{'s1':{'s2':'flb'}}}");
            assertThat(run.emitted()).containsOnlyKeys("new.bb.abc.flb");
            assertThat(run.emitted().get("new.bb.abc.flb"))
                    .containsExactly("{'name':'abc-123','ss':{'s1':{'s2':'flb'}}}");
            assertThat(run.result()).isEqualTo(FilterResult.REPLACED);
            assertThat(run.kept()).isEmpty();
        }

        @Test
        void keepTrueOnOrYesKeepsTheOriginalToo() {
            for (String keep : List.of("true", "on", "YES")) {
                Run run = make(PLUGIN, "rule", "$log ^x copy " + keep).run("t", "{'log':'x'}", "{'log':'y'}");
                assertThat(run.emitted().get("copy")).containsExactly("{'log':'x'}");
                assertThat(run.kept()).containsExactly("{'log':'x'}", "{'log':'y'}");
                assertThat(run.result()).as("nothing removed").isEqualTo(FilterResult.UNCHANGED);
            }
        }

        @Test
        void aKeepThatIsNeitherTrueNorFalseRemovesTheOriginalAndIsWarnedAbout() {
            Filters.Made m = make(PLUGIN, "rule", "$log ^x copy maybe");
            assertThat(m.run("t", "{'log':'x'}").kept()).isEmpty();
            assertThat(m.context().log().messages(Level.WARN)).anyMatch(w -> w.contains("KEEP 'maybe'"));
        }

        @Test
        void theFirstMatchingRuleWins() {
            Run run = make(PLUGIN, "rule", "$a ^1 first false", "rule", "$b ^2 second false")
                    .run("t", "{'a':'1','b':'2'}", "{'a':'0','b':'2'}", "{'a':'0','b':'0'}");
            assertThat(run.emitted().get("first")).containsExactly("{'a':'1','b':'2'}");
            assertThat(run.emitted().get("second")).containsExactly("{'a':'0','b':'2'}");
            assertThat(run.kept()).containsExactly("{'a':'0','b':'0'}");
        }

        @Test
        void onlyStringValuesMatch() {
            Run run = make(PLUGIN, "rule", "$code ^200$ ok false").run("t", "{'code':200}", "{'code':'200'}");
            assertThat(run.emitted().get("ok")).containsExactly("{'code':'200'}");
            assertThat(run.kept()).containsExactly("{'code':200}");
        }

        @Test
        void copiesOfOneTagKeepTheirOrderAndTheRestOfTheBatchItsOrder() {
            Run run = make(PLUGIN, "rule", "$t ^(.*)$ out.$1 false")
                    .run("t", "{'t':'a','n':1}", "{'n':2}", "{'t':'b','n':3}", "{'t':'a','n':4}", "{'n':5}");
            assertThat(run.emitted()).containsOnlyKeys("out.a", "out.b");
            assertThat(run.emitted().get("out.a")).containsExactly("{'t':'a','n':1}", "{'t':'a','n':4}");
            assertThat(run.emitted().get("out.b")).containsExactly("{'t':'b','n':3}");
            assertThat(run.kept()).containsExactly("{'n':2}", "{'n':5}");
        }

        @Test
        void noMatchLeavesTheBatchUnchanged() {
            Run run = make(PLUGIN, "rule", "$log ^x copy false").run("t", "{'log':'y'}");
            assertThat(run.result()).isEqualTo(FilterResult.UNCHANGED);
            assertThat(run.emitted()).isEmpty();
        }

        @Test
        void aRuleWithQuotedWordsHoldsBlanks() {
            Run run = make(PLUGIN, "rule", "$log \"^an error\" \"with blank\" false").run("t", "{'log':'an error'}");
            assertThat(run.emitted()).containsOnlyKeys("with blank");
        }

        @Test
        void noRulesPassEverythingWithAWarning() {
            Filters.Made m = make(PLUGIN);
            assertThat(m.run("t", "{'a':1}").untouched()).isTrue();
            assertThat(m.context().log().messages(Level.WARN)).anyMatch(w -> w.contains("no rules"));
        }
    }

    @Nested
    class Templates {

        private String tagOf(String rule, String tag, String record) {
            Run run = make(PLUGIN, "rule", rule).run(tag, record);
            assertThat(run.emitted()).hasSize(1);
            return run.emitted().keySet().iterator().next();
        }

        @Test
        void tagPartsCapturesAndValues() {
            assertThat(tagOf("$m ^(\\w+)-(\\w+)$ $TAG.$2.$0 false", "a.b", "{'m':'x-y'}")).isEqualTo("a.b.y.x-y");
            assertThat(tagOf("$m (.) $TAG[0].$TAG[-1].$TAG[9]. false", "a.b.c", "{'m':'x'}")).isEqualTo("a.c..");
            assertThat(tagOf("$m . k.$n.$f.$b false", "t", "{'m':'x','n':7,'f':1.5,'b':true}"))
                    .isEqualTo("k.7.1.500000.true");
        }

        @Test
        void dollarTenIsCaptureOneThenZeroUnlikeFluentBit() {
            assertThat(tagOf("$m ^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)$ x$10 false", "t", "{'m':'abcdefghij'}"))
                    .isEqualTo("xa0");
        }

        @Test
        void anArrayValueRendersAsNothingAndIsCounted() {
            Filters.Made m = make(PLUGIN, "rule", "$m . x.$arr.y false");
            Run run = m.run("t", "{'m':'v','arr':[1,2]}");
            assertThat(run.emitted()).containsOnlyKeys("x..y");
            assertThat(m.counter("tag_array_values")).isEqualTo(1);
            assertThat(m.context().log().messages(Level.WARN)).anyMatch(w -> w.contains("cannot process key value"));
        }

        @Test
        void anEmptyTagIsNotEmittedAndTheRecordStays() {
            Filters.Made m = make(PLUGIN, "rule", "$m . $missing false");
            Run run = m.run("t", "{'m':'v'}");
            assertThat(run.emitted()).isEmpty();
            assertThat(run.kept()).containsExactly("{'m':'v'}");
            assertThat(m.counter("emit_refused_records")).isEqualTo(1);
        }
    }

    @Nested
    class Emission {

        @Test
        void theCopyIsTheRecordsExactBytesWithTimeAndMetadata() {
            EventBuffer b = new EventBuffer(256);
            b.writeEvent(new EventTime(1_700_000_042L, 99), Map.of("meta", "m"), Map.of("log", "x"));
            EventBatch batch = new EventBatch("t", b.toByteArray(), 0, b.size(), 1);
            FilterRun run = FilterRun.of(make(PLUGIN, "rule", "$log x copy false").filter(), batch);
            List<Event> copies = run.emitted().get("copy");
            assertThat(copies).hasSize(1);
            assertThat(copies.get(0).time()).isEqualTo(new EventTime(1_700_000_042L, 99));
            assertThat(copies.get(0).metadata()).isEqualTo(Map.of("meta", "m"));
            assertThat(copies.get(0).body()).isEqualTo(Map.of("log", "x"));
            assertThat(run.kept()).isEmpty();
        }

        @Test
        void aRefusedCopyLeavesTheRecordUnderItsTagWhateverKeepSays() {
            Filters.Made m = make(PLUGIN, "rule", "$log ^x loop false", "rule", "$log ^y other false");
            Run run = Run.of(m.filter(), Run.batch("t", "{'log':'x'}", "{'log':'y'}"), Set.of("loop"));
            assertThat(run.kept()).containsExactly("{'log':'x'}");
            assertThat(run.emitted()).containsOnlyKeys("other");
            assertThat(m.counter("emit_refused_records")).isEqualTo(1);
        }

        @Test
        void aBadBatchEmitsNothing() {
            Filters.Made m = make(PLUGIN, "rule", "$log x copy false");
            EventBatch good = Run.batch("t", "{'log':'x'}", "{'log':'x'}");
            byte[] cut = java.util.Arrays.copyOf(good.data(), good.length() - 2);
            int[] emits = {0};
            FilterResult result = m.filter().filter(new EventBatch("t", cut, 0, cut.length, 2),
                    new io.sluice.api.FilterSink() {
                        @Override
                        public void write(byte[] data, int offset, int length, int records) {
                        }

                        @Override
                        public boolean emit(String tag, byte[] data, int offset, int length, int records) {
                            emits[0]++;
                            return true;
                        }
                    });
            assertThat(result).isEqualTo(FilterResult.UNCHANGED);
            assertThat(emits[0]).isZero();
            assertThat(m.counter("invalid_records")).isEqualTo(1);
        }
    }

    @Nested
    class Configuration {

        @Test
        void aRuleNeedsExactlyFourWordsUnlikeFluentBitWhichCrashesOrIgnoresTheRest() {
            assertThat(configError(PLUGIN, "rule", "$log ^x new")).contains("key 'rule'")
                    .contains("rule expects $KEY REGEX NEW_TAG KEEP, got 3 words");
            assertThat(configError(PLUGIN, "rule", "$log ^x new false extra"))
                    .contains("rule expects $KEY REGEX NEW_TAG KEEP, got 5 words");
        }

        @Test
        void theKeyMustBeARecordAccessor() {
            assertThat(configError(PLUGIN, "rule", "log ^x new false")).contains("invalid record accessor key? 'log'");
            assertThat(configError(PLUGIN, "rule", "$@t ^x new false")).contains("invalid record accessor key?");
        }

        @Test
        void aRegexJavaCannotCompileIsRefused() {
            assertThat(configError(PLUGIN, "rule", "$log (x new false"))
                    .contains("could not compile regex pattern '(x'");
        }

        @Test
        void aMalformedTagIsRefused() {
            assertThat(configError(PLUGIN, "rule", "$log x new.$TAG[a] false")).contains("could not compose tag");
        }

        @Test
        void emitterKeysAreAcceptedForCompatibilityAndSaidToBeIgnored() {
            Filters.Made m = make(PLUGIN, "rule", "$log x copy false", "emitter_name", "re_emitted",
                    "emitter_storage.type", "FILESYSTEM", "emitter_mem_buf_limit", "20M");
            assertThat(m.run("t", "{'log':'x'}").emitted()).containsOnlyKeys("copy");
            assertThat(m.context().log().messages(Level.INFO)).anyMatch(i -> i.contains("ignored"));
            assertThat(configError(PLUGIN, "emitter_storage.type", "disk")).contains("memory, filesystem");
            assertThat(new RewriteTagPlugin().properties()).filteredOn(p -> p.name().startsWith("emitter"))
                    .allMatch(p -> p.description().contains("buffered with the storage of the input"));
        }
    }
}
