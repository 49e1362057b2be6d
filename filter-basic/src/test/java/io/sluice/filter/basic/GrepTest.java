package io.sluice.filter.basic;

import static io.sluice.filter.basic.Filters.configError;
import static io.sluice.filter.basic.Filters.make;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sluice.api.EventBatch;
import io.sluice.api.FilterResult;
import io.sluice.support.event.Event;
import io.sluice.testkit.FilterRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GrepTest {

    private static final GrepPlugin GREP = new GrepPlugin();

    private static List<String> kept(Filters.Made grep, String... bodies) {
        return grep.run("app.log", bodies).kept();
    }

    @Nested
    class Legacy {

        @Test
        void theSpecExampleKeepsWhatTheFirstRegexMatchesAndDropsWhatItDoesNot() {
            Filters.Made grep = make(GREP, "regex", "log ^a", "exclude", "log b");
            assertThat(kept(grep, "{'log':'ab'}", "{'log':'cb'}")).containsExactly("{'log':'ab'}");
        }

        @Test
        void regexKeepsRecordsWhoseValueMatchesAndDropsTheRest() {
            Filters.Made grep = make(GREP, "regex", "log err");
            assertThat(kept(grep, "{'log':'an error'}", "{'log':'fine'}", "{'msg':'error'}"))
                    .containsExactly("{'log':'an error'}");
        }

        @Test
        void excludeDropsRecordsWhoseValueMatchesAndKeepsRecordsWithoutTheKey() {
            Filters.Made grep = make(GREP, "exclude", "log debug");
            assertThat(kept(grep, "{'log':'debug: x'}", "{'log':'info: x'}", "{'other':'debug'}"))
                    .containsExactly("{'log':'info: x'}", "{'other':'debug'}");
        }

        @Test
        void withSeveralRegexRulesOnlyTheFirstDecides() {
            Filters.Made grep = make(GREP, "regex", "a x", "regex", "b y");
            assertThat(kept(grep, "{'a':'x','b':'z'}", "{'a':'z','b':'y'}")).containsExactly("{'a':'x','b':'z'}");
        }

        @Test
        void anExcludeAfterAMatchingRegexIsNeverChecked() {
            Filters.Made grep = make(GREP, "regex", "log a", "exclude", "log b");
            assertThat(kept(grep, "{'log':'ab'}")).containsExactly("{'log':'ab'}");
        }

        @Test
        void excludesBeforeTheRegexAreCheckedInOrder() {
            Filters.Made grep = make(GREP, "exclude", "level debug", "exclude", "level trace", "regex", "log .");
            assertThat(kept(grep, "{'level':'debug','log':'x'}", "{'level':'trace','log':'x'}",
                    "{'level':'info','log':'x'}", "{'level':'info','log':''}"))
                    .containsExactly("{'level':'info','log':'x'}");
        }

        @Test
        void unreachableRulesAreWarnedAboutAtStart() {
            Filters.Made grep = make(GREP, "exclude", "log z", "regex", "log a", "regex", "log b",
                    "exclude", "log c");
            assertThat(grep.context().log().messages(Level.WARN))
                    .hasSize(2)
                    .allMatch(m -> m.contains("is never checked") && m.contains("'Regex log a'"))
                    .anyMatch(m -> m.contains("'Regex log b'"))
                    .anyMatch(m -> m.contains("'Exclude log c'"));
        }

        @Test
        void noRulesKeepEverythingUnchanged() {
            Run run = make(GREP).run("t", "{'a':1}");
            assertThat(run.untouched()).isTrue();
            assertThat(run.kept()).containsExactly("{'a':1}");
        }

        @Test
        void anUnknownLogicalOpMeansLegacyWithAWarning() {
            Filters.Made grep = make(GREP, "logical_op", "xor", "regex", "log a", "exclude", "log b");
            assertThat(kept(grep, "{'log':'ab'}")).containsExactly("{'log':'ab'}");
            assertThat(grep.context().log().messages(Level.WARN)).anyMatch(m -> m.contains("'xor'"));
        }
    }

    @Nested
    class AndOr {

        @Test
        void andKeepsRecordsMatchingEveryRegex() {
            Filters.Made grep = make(GREP, "logical_op", "AND", "regex", "a x", "regex", "b y");
            assertThat(kept(grep, "{'a':'x','b':'y'}", "{'a':'x','b':'n'}", "{'a':'x'}"))
                    .containsExactly("{'a':'x','b':'y'}");
        }

        @Test
        void orKeepsRecordsMatchingAnyRegex() {
            Filters.Made grep = make(GREP, "logical_op", "or", "regex", "a x", "regex", "b y");
            assertThat(kept(grep, "{'a':'x'}", "{'b':'y'}", "{'a':'n','b':'n'}"))
                    .containsExactly("{'a':'x'}", "{'b':'y'}");
        }

        @Test
        void andDropsRecordsMatchingEveryExclude() {
            Filters.Made grep = make(GREP, "logical_op", "and", "exclude", "a x", "exclude", "b y");
            assertThat(kept(grep, "{'a':'x','b':'y'}", "{'a':'x','b':'n'}"))
                    .containsExactly("{'a':'x','b':'n'}");
        }

        @Test
        void orDropsRecordsMatchingAnyExclude() {
            Filters.Made grep = make(GREP, "logical_op", "or", "exclude", "a x", "exclude", "b y");
            assertThat(kept(grep, "{'a':'x'}", "{'b':'y'}", "{'a':'n','b':'n'}"))
                    .containsExactly("{'a':'n','b':'n'}");
        }

        @Test
        void regexAndExcludeCannotBeMixed() {
            assertThat(configError(GREP, "logical_op", "and", "regex", "a x", "exclude", "b y"))
                    .contains("key 'logical_op'").contains("Both 'regex' and 'exclude' are set.");
        }

        @Test
        void withoutRulesEverythingIsKeptAndAWarningLoggedUnlikeFluentBitsUninitialisedRead() {
            Filters.Made grep = make(GREP, "logical_op", "or");
            assertThat(kept(grep, "{'a':1}")).containsExactly("{'a':1}");
            assertThat(grep.context().log().messages(Level.WARN)).anyMatch(m -> m.contains("every record is kept"));
        }
    }

    @Nested
    class Keys {

        @Test
        void aKeyWithoutDollarIsARecordAccessorToo() {
            Filters.Made grep = make(GREP, "regex", "$log ^a");
            assertThat(kept(grep, "{'log':'ab'}", "{'log':'b'}")).containsExactly("{'log':'ab'}");
        }

        @Test
        void nestedKeysAreReachedWithSubkeysAndIndexes() {
            Filters.Made grep = make(GREP, "exclude", "$items[0] skip", "regex",
                    "$kubernetes['labels']['app'] ^web$");
            assertThat(kept(grep, "{'kubernetes':{'labels':{'app':'web'}}}",
                    "{'kubernetes':{'labels':{'app':'db'}}}",
                    "{'items':['skip'],'kubernetes':{'labels':{'app':'web'}}}"))
                    .containsExactly("{'kubernetes':{'labels':{'app':'web'}}}");
        }

        @Test
        void aTopLevelKeyWithDotsIsReachableUnlikeFluentBit() {
            Filters.Made grep = make(GREP, "regex", "k2.foo v");
            assertThat(kept(grep, "{'k2.foo':'v'}", "{'k2':'v'}")).containsExactly("{'k2.foo':'v'}");
        }

        @Test
        void aBracketedRootReachesAnyKey() {
            Filters.Made grep = make(GREP, "regex", "$['@timestamp'] ^2024");
            assertThat(kept(grep, "{'@timestamp':'2024-01-01'}", "{'@timestamp':'2023'}"))
                    .containsExactly("{'@timestamp':'2024-01-01'}");
        }

        @Test
        void theLastOfDuplicateKeysIsTheOneTested() {
            Filters.Made grep = make(GREP, "regex", "log ^keep$");
            assertThat(kept(grep, "{'log':'drop','log':'keep'}", "{'log':'keep','log':'drop'}"))
                    .containsExactly("{'log':'drop','log':'keep'}");
        }

        @Test
        void onlyStringValuesCanMatch() {
            Filters.Made grep = make(GREP, "regex", "code ^200$");
            assertThat(kept(grep, "{'code':200}", "{'code':'200'}", "{'code':true}", "{'code':[200]}",
                    "{'code':{'a':'200'}}", "{'code':null}")).containsExactly("{'code':'200'}");
        }

        @Test
        void subkeysOfAScalarAreNotFoundUnlikeFluentBitWhichTestsTheScalar() {
            Filters.Made grep = make(GREP, "regex", "$a['b'] x");
            assertThat(kept(grep, "{'a':'x'}")).isEmpty();
        }
    }

    @Nested
    class Regexes {

        @Test
        void theRegexIsEverythingAfterTheFirstSpaceBlanksIncluded() {
            Filters.Made grep = make(GREP, "regex", "log  aa");
            assertThat(kept(grep, "{'log':'x aa'}", "{'log':'aa'}")).containsExactly("{'log':'x aa'}");
        }

        @Test
        void searchesAreUnanchoredAndCaretMatchesAtEveryLine() {
            Filters.Made grep = make(GREP, "regex", "log ^second$");
            assertThat(kept(grep, "{'log':'first\\nsecond\\nthird'}", "{'log':'the second'}"))
                    .containsExactly("{'log':'first\nsecond\nthird'}");
        }

        @Test
        void slashFormFlagsApply() {
            Filters.Made grep = make(GREP, "regex", "log /ERROR/i");
            assertThat(kept(grep, "{'log':'an error'}", "{'log':'fine'}")).containsExactly("{'log':'an error'}");
        }

        @Test
        void onigmoHexDigitAndPosixBracketsAreTranslated() {
            Filters.Made grep = make(GREP, "regex", "id ^\\h+$", "regex", "x ignored");
            assertThat(kept(grep, "{'id':'deadBEEF'}", "{'id':'xyz'}")).containsExactly("{'id':'deadBEEF'}");
            Filters.Made posix = make(GREP, "regex", "name ^[[:alpha:]]+$");
            assertThat(kept(posix, "{'name':'Zoë'}", "{'name':'a1'}")).containsExactly("{'name':'Zoë'}");
        }

        @Test
        void multiByteTextIsMatchedAsCharacters() {
            Filters.Made grep = make(GREP, "regex", "log ^日本.$");
            assertThat(kept(grep, "{'log':'日本語'}", "{'log':'日本'}")).containsExactly("{'log':'日本語'}");
        }
    }

    @Nested
    class Output {

        @Test
        void aBatchWithNothingDroppedGoesOnUnchanged() {
            Run run = make(GREP, "regex", "log .").run("t", "{'log':'a'}", "{'log':'b'}");
            assertThat(run.result()).isEqualTo(FilterResult.UNCHANGED);
        }

        @Test
        void keptRecordsKeepTheirTimestampMetadataAndBytes() {
            Map<String, Object> meta = Map.of("m", "x");
            io.sluice.support.event.EventBuffer b = new io.sluice.support.event.EventBuffer(256);
            b.writeEvent(new io.sluice.support.event.EventTime(1_700_000_001L, 5), meta, body("log", "keep"));
            b.writeEvent(new io.sluice.support.event.EventTime(1_700_000_002L, 6), meta, body("log", "drop"));
            b.writeEvent(new io.sluice.support.event.EventTime(1_700_000_003L, 7), meta, body("log", "keep 2"));
            EventBatch batch = new EventBatch("t", b.toByteArray(), 0, b.size(), 3);
            FilterRun run = FilterRun.of(make(GREP, "exclude", "log drop").filter(), batch);
            assertThat(run.result()).isEqualTo(FilterResult.REPLACED);
            assertThat(run.kept()).extracting(Event::time).extracting(t -> t.seconds())
                    .containsExactly(1_700_000_001L, 1_700_000_003L);
            assertThat(run.kept()).extracting(Event::metadata).containsOnly(meta);
            assertThat(run.keptBodies()).containsExactly(body("log", "keep"), body("log", "keep 2"));
        }

        @Test
        void droppingEveryRecordReplacesTheBatchWithNothing() {
            Run run = make(GREP, "regex", "log x").run("t", "{'log':'a'}", "{'log':'b'}");
            assertThat(run.result()).isEqualTo(FilterResult.REPLACED);
            assertThat(run.kept()).isEmpty();
        }

        private Map<String, Object> body(String k, Object v) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(k, v);
            return m;
        }
    }

    @Nested
    class BadInput {

        @Test
        void aBodyThatIsNotAMapHasNoKeysAndIsCounted() {
            Filters.Made grep = make(GREP, "exclude", "log x");
            Run run = Run.of(grep.filter(), Records.batchOfRawBodies("t", "'just text'", "{'log':'x'}"),
                    java.util.Set.of());
            assertThat(run.kept()).containsExactly("'just text'");
            assertThat(grep.counter("invalid_records")).isEqualTo(1);
        }

        @Test
        void aBatchThatIsNotValidEventsPassesUnchangedAndIsCounted() {
            Filters.Made grep = make(GREP, "regex", "log x");
            EventBatch good = Run.batch("t", "{'log':'a'}", "{'log':'x'}");
            byte[] cut = java.util.Arrays.copyOf(good.data(), good.length() - 3);
            FilterResult result = grep.filter().filter(new EventBatch("t", cut, 0, cut.length, 2), Records.NO_SINK);
            assertThat(result).isEqualTo(FilterResult.UNCHANGED);
            assertThat(grep.counter("invalid_records")).isEqualTo(1);
            assertThat(grep.context().log().messages(Level.ERROR)).anyMatch(m -> m.contains("not valid events"));
        }

        @Test
        void aRegexThatOverflowsTheStackOnALongValueCountsAsNoMatchAndIsCounted() {
            Filters.Made grep = make(GREP, "regex", "log (a|b)*c");
            String longValue = "ab".repeat(100_000);
            Run run = grep.run("t", "{'log':'" + longValue + "'}", "{'log':'abc'}");
            assertThat(run.kept()).containsExactly("{'log':'abc'}");
            assertThat(grep.counter("regex_failures")).isEqualTo(1);
            assertThat(grep.context().log().messages(Level.WARN)).anyMatch(w -> w.contains("overflowed the stack"));
        }
    }

    @Nested
    class ConfigErrors {

        @Test
        void aRuleWithoutARegexIsRefused() {
            assertThat(configError(GREP, "regex", "log")).contains("key 'regex'")
                    .contains("invalid regex, expected field and regular expression");
        }

        @Test
        void aKeyOutsideTheAccessorGrammarIsRefused() {
            assertThat(configError(GREP, "exclude", "@timestamp x")).contains("key 'exclude'")
                    .contains("invalid record accessor? '@timestamp'").contains("$['@timestamp']");
            assertThat(configError(GREP, "regex", "$1st x")).contains("invalid record accessor? '$1st'");
        }

        @Test
        void aRegexJavaCannotCompileIsRefusedNamingTheKey() {
            assertThat(configError(GREP, "regex", "log (unclosed")).contains("key 'regex'")
                    .contains("could not compile regex pattern '(unclosed'");
            assertThat(configError(GREP, "regex", "log a\\Kb")).contains("\\K");
        }
    }
}
