package io.sluice.filter.basic;

import static io.sluice.filter.basic.Filters.configError;
import static io.sluice.filter.basic.Filters.make;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sluice.api.FilterResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModifyTest {

    private static final ModifyPlugin MODIFY = new ModifyPlugin();

    private static String modify(String record, String... keyValues) {
        return make(MODIFY, keyValues).run("t", record).only();
    }

    @Nested
    class Rules {

        @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
        @CsvSource(delimiter = '|', value = {
            // rule | args | input | output
            "set | k v | {'a':'1','k':'x','b':'2','k':'y'} | {'a':'1','b':'2','k':'v'}",
            "set | k v | {'a':'1'} | {'a':'1','k':'v'}",
            "set | n 5 | {'n':5} | {'n':'5'}",
            "add | k v | {'a':'1'} | {'a':'1','k':'v'}",
            "add | k v | {'k':'x','a':'1'} | {'k':'x','a':'1'}",
            "add_if_not_present | k v | {'a':'1'} | {'a':'1','k':'v'}",
            "remove | k | {'k':1,'a':2,'k':3} | {'a':2}",
            "remove | k | {'K':1} | {'K':1}",
            "remove_wildcard | Mem | {'Mem.total':1,'Swap':2,'Mem.used':3} | {'Swap':2}",
            "remove_regex | ^Mem\\.[tu] | {'Mem.total':1,'Mem.free':2,'Mem.used':3} | {'Mem.free':2}",
            "rename | a b | {'x':0,'a':1,'y':2,'a':3} | {'x':0,'b':1,'y':2,'b':3}",
            "rename | a b | {'a':1,'b':2} | {'a':1,'b':2}",
            "rename | a b | {'c':1} | {'c':1}",
            "hard_rename | a b | {'b':0,'a':1,'c':2} | {'b':1,'c':2}",
            "hard_rename | a b | {'a':1} | {'b':1}",
            "copy | a b | {'a':1,'c':2} | {'a':1,'b':1,'c':2}",
            "copy | a b | {'a':1,'a':2} | {'a':1,'a':2}",
            "copy | a b | {'a':1,'b':2} | {'a':1,'b':2}",
            "hard_copy | a b | {'a':1,'c':2} | {'a':1,'b':1,'c':2}",
            "hard_copy | a b | {'b':0,'a':1,'c':2} | {'a':1,'b':1,'c':2}",
            "move_to_start | Mem | {'a':1,'Mem.x':2,'b':3,'Mem.y':4} | {'Mem.x':2,'Mem.y':4,'a':1,'b':3}",
            "move_to_end | Mem | {'Mem.x':2,'a':1,'Mem.y':4,'b':3} | {'a':1,'b':3,'Mem.x':2,'Mem.y':4}",
        })
        void eachRuleAsTheSpecTableSays(String rule, String args, String input, String output) {
            assertThat(modify(input, rule, args)).isEqualTo(output);
        }

        @Test
        void setAndAddAlwaysWriteStrings() {
            assertThat(modify("{}", "set", "n 5", "add", "b true")).isEqualTo("{'n':'5','b':'true'}");
        }

        @Test
        void rulesRunInConfigurationOrderEachOnThePreviousResult() {
            assertThat(modify("{'a':'1'}", "rename", "a b", "set", "b x", "copy", "b c", "remove", "b"))
                    .isEqualTo("{'c':'x'}");
            assertThat(modify("{'a':'1'}", "set", "b x", "rename", "a b")).isEqualTo("{'a':'1','b':'x'}");
        }

        @Test
        void operationNamesIgnoreCaseButArgumentsDoNot() {
            assertThat(modify("{'Key':1,'key':2}", "REMOVE", "key")).isEqualTo("{'Key':1}");
        }

        @Test
        void quotedWordsHoldBlanksAndEscapedQuotes() {
            assertThat(modify("{}", "set", "msg \"two words\"", "set", "q 'it\\'s'", "set", "\"a b\" c"))
                    .isEqualTo("{'msg':'two words','q':'it's','a b':'c'}");
        }

        @Test
        void hardCopyWithSeveralTargetsOrSourcesIsNotAppliedAndWarns() {
            Filters.Made m = make(MODIFY, "hard_copy", "a b");
            Run run = m.run("t", "{'a':1,'b':2,'b':3}", "{'a':1,'a':2}");
            assertThat(run.kept()).containsExactly("{'a':1,'b':2,'b':3}", "{'a':1,'a':2}");
            assertThat(m.context().log().messages(Level.WARN)).anyMatch(w -> w.contains("multiple"));
        }

        @Test
        void aRuleOnTheSameKeyTwiceChangesNothing() {
            assertThat(modify("{'a':1}", "hard_rename", "a a", "hard_copy", "a a", "copy", "a a", "rename", "a a"))
                    .isEqualTo("{'a':1}");
        }

        @Test
        void valuesThatLookLikeRegexesAreTakenLiterallyUnlikeFluentBit() {
            assertThat(modify("{}", "add", "name *.log", "set", "path /var/log/(x|y)[0-9]+"))
                    .isEqualTo("{'name':'*.log','path':'/var/log/(x|y)[0-9]+'}");
        }

        @Test
        void aTrailingStarOfAPrefixIsDroppedUnlikeFluentBitWhichMatchesItLiterally() {
            assertThat(modify("{'Mem.total':1,'Swap':2}", "remove_wildcard", "Mem*")).isEqualTo("{'Swap':2}");
            assertThat(modify("{'a':1,'Mem':2}", "move_to_start", "Mem*")).isEqualTo("{'Mem':2,'a':1}");
        }

        @Test
        void rulesReachOnlyTopLevelKeys() {
            assertThat(modify("{'a':{'b':1}}", "remove", "$a['b']")).isEqualTo("{'a':{'b':1}}");
        }

        @Test
        void recordsNoRuleChangedGoOnAsTheyCame() {
            Run run = make(MODIFY, "remove", "gone", "rename", "x y").run("t", "{'a':1}", "{'b':2}");
            assertThat(run.result()).isEqualTo(FilterResult.UNCHANGED);
        }
    }

    @Nested
    class Conditions {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
            // condition | record | rules apply
            "Key_exists a | {'a':1} | true",
            "Key_exists a | {'b':1} | false",
            "Key_exists $a['b'][0] | {'a':{'b':[null]}} | true",
            "Key_exists $a['b'][1] | {'a':{'b':[null]}} | false",
            "Key_exists a.b | {'a.b':1} | true",
            "Key_exists a.b | {'a':{'b':1}} | false",
            "Key_does_not_exist a | {'b':1} | true",
            "Key_does_not_exist a | {'a':1} | false",
            "A_key_matches ^x\\d | {'a':1,'x1':2} | true",
            "A_key_matches ^x\\d | {'a':1,'xx':2} | false",
            "No_key_matches ^x | {'a':1} | true",
            "No_key_matches ^x | {'xa':1} | false",
            "Key_value_equals a yes | {'a':'yes'} | true",
            "Key_value_equals a yes | {'a':'yes!'} | false",
            "Key_value_equals a 5 | {'a':5} | false",
            "Key_value_equals a yes | {'b':'yes'} | false",
            "Key_value_does_not_equal a yes | {'a':'no'} | true",
            "Key_value_does_not_equal a yes | {'a':5} | true",
            "Key_value_does_not_equal a yes | {'a':'yes'} | false",
            "Key_value_does_not_equal a yes | {'b':'no'} | false",
            "Key_value_matches a ^ye | {'a':'yes'} | true",
            "Key_value_matches a ^tr | {'a':true} | true",
            "Key_value_matches a ^5$ | {'a':5} | false",
            "Key_value_matches a x | {'b':'x'} | false",
            "Key_value_does_not_match a ^ye | {'a':'no'} | true",
            "Key_value_does_not_match a ^ye | {'a':'yes'} | false",
            "Key_value_does_not_match a ^ye | {'b':'no'} | false",
            "Matching_keys_have_matching_values ^k ^v | {'k1':'v1','k2':'v2','x':'y'} | true",
            "Matching_keys_have_matching_values ^k ^v | {'k1':'v1','k2':'no'} | false",
            "Matching_keys_have_matching_values ^k ^v | {'x':'y'} | true",
            "Matching_keys_do_not_have_matching_values ^k ^v | {'k1':'v1','k2':'no'} | true",
            "Matching_keys_do_not_have_matching_values ^k ^v | {'x':'y'} | false",
            "KEY_EXISTS a | {'a':1} | true",
        })
        void eachConditionAsTheSpecTableSays(String condition, String record, boolean applies) {
            String result = modify(record, "condition", condition, "set", "done yes");
            assertThat(result.endsWith("'done':'yes'}")).as(result).isEqualTo(applies);
        }

        @Test
        void everyConditionMustHold() {
            Filters.Made m = make(MODIFY, "condition", "Key_exists a", "condition", "Key_exists b", "set", "x y");
            assertThat(m.run("t", "{'a':1,'b':2}", "{'a':1}").kept())
                    .containsExactly("{'a':1,'b':2,'x':'y'}", "{'a':1}");
        }

        @Test
        void conditionsAreCheckedOnceOnTheRecordAsItCameNotBetweenRules() {
            assertThat(modify("{'a':1}", "condition", "Key_exists a", "remove", "a", "set", "b c"))
                    .isEqualTo("{'b':'c'}");
            assertThat(modify("{'a':1}", "set", "x y", "condition", "Key_exists x")).isEqualTo("{'a':1}");
        }

        @Test
        void aConditionWithQuotedArguments() {
            assertThat(modify("{'msg':'hello world'}", "condition", "Key_value_equals msg \"hello world\"",
                    "set", "ok 1")).isEqualTo("{'msg':'hello world','ok':'1'}");
        }
    }

    @Nested
    class ConfigErrors {

        @Test
        void moreThanThreeWordsAreRefused() {
            assertThat(configError(MODIFY, "set", "a b c d")).contains("key 'set'").contains("Invalid config for set");
        }

        @Test
        void threeWordsForATwoArgumentRuleAreRefusedUnlikeFluentBitWhichRenames() {
            assertThat(configError(MODIFY, "set", "k two words"))
                    .contains("set expects 2 arguments, got 3 (quote values with spaces)");
        }

        @Test
        void theWrongNumberOfArgumentsIsRefused() {
            assertThat(configError(MODIFY, "remove", "a b")).contains("Invalid operation remove : a b in "
                    + "configuration");
            assertThat(configError(MODIFY, "rename", "a")).contains("rename expects 2 arguments, got 1");
            assertThat(configError(MODIFY, "condition", "Key_value_equals a")).contains("expects 2 arguments");
        }

        @Test
        void anUnknownConditionIsRefused() {
            assertThat(configError(MODIFY, "condition", "Key_is_nice a")).contains("key 'condition'")
                    .contains("Invalid config for condition : Key_is_nice a");
        }

        @Test
        void anUnknownRuleIsRefusedByCore() {
            assertThat(configError(MODIFY, "replace", "a b")).contains("unknown configuration property 'replace'");
        }

        @Test
        void regexArgumentsThatDoNotCompileAreRefusedAtStartUnlikeFluentBitWhichCrashes() {
            assertThat(configError(MODIFY, "condition", "Key_value_matches a (x")).contains("key 'condition'")
                    .contains("Unable to create regex(val) from (x");
            assertThat(configError(MODIFY, "condition", "A_key_matches [x")).contains("Unable to create regex(key)");
            assertThat(configError(MODIFY, "remove_regex", "*a")).contains("key 'remove_regex'")
                    .contains("Unable to create regex(key) from *a");
        }

        @Test
        void aStarInsideAPrefixIsRefused() {
            assertThat(configError(MODIFY, "remove_wildcard", "*s3")).contains("key 'remove_wildcard'")
                    .contains("* allowed only at the end");
        }

        @Test
        void anUnclosedQuoteIsRefused() {
            assertThat(configError(MODIFY, "set", "a \"b")).contains("unclosed");
        }

        @Test
        void aBadAccessorInAConditionIsRefused() {
            assertThat(configError(MODIFY, "condition", "Key_exists $a[")).contains("key 'condition'")
                    .contains("unclosed [");
        }
    }

    @Test
    void aBodyThatIsNotAMapPassesOnAndIsCounted() {
        Filters.Made m = make(MODIFY, "set", "a b");
        Run run = Run.of(m.filter(), Records.batchOfRawBodies("t", "[1,2]", "{}"), java.util.Set.of());
        assertThat(run.kept()).containsExactly("[1,2]", "{'a':'b'}");
        assertThat(m.counter("invalid_records")).isEqualTo(1);
    }

    @Test
    void groupMarkersPassUntouchedAroundRewrittenRecords() {
        Filters.Made m = make(MODIFY, "set", "a b");
        Run run = Run.of(m.filter(), Records.withGroupMarkers("t", "{'x':1}"), java.util.Set.of());
        assertThat(run.kept()).containsExactly("{'x':1,'a':'b'}");
        assertThat(run.keptBytes().length).isGreaterThan(Run.bodies(run.keptBytes(), 0, run.keptBytes().length)
                .get(0).length());
        // both markers are still there
        int events = 0;
        EventWalker ev = new EventWalker();
        ev.reset(new io.sluice.api.EventBatch("t", run.keptBytes(), 0, run.keptBytes().length, 1));
        while (ev.next()) {
            events++;
        }
        assertThat(events).isEqualTo(3);
    }
}
