package io.sluice.filter.basic;

import static io.sluice.filter.basic.Filters.configError;
import static io.sluice.filter.basic.Filters.make;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sluice.api.FilterResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NestTest {

    private static final NestPlugin NEST = new NestPlugin();

    @Nested
    class NestOperation {

        @Test
        void theSpecExampleMovesMatchingKeysIntoANewMapAtTheEnd() {
            Run run = make(NEST, "operation", "nest", "wildcard", "Mem.*", "nest_under", "mem")
                    .run("t", "{'Mem.total':1,'Swap.free':2,'Mem.used':3}");
            assertThat(run.only()).isEqualTo("{'Swap.free':2,'mem':{'Mem.total':1,'Mem.used':3}}");
        }

        @Test
        void removePrefixStripsItFromTheMovedKeys() {
            Run run = make(NEST, "operation", "nest", "wildcard", "Mem.*", "nest_under", "mem",
                    "remove_prefix", "Mem.").run("t", "{'Mem.total':1,'Swap.free':2,'Mem.used':3}");
            assertThat(run.only()).isEqualTo("{'Swap.free':2,'mem':{'total':1,'used':3}}");
        }

        @Test
        void addPrefixPrependsItToTheMovedKeys() {
            Run run = make(NEST, "operation", "nest", "wildcard", "a", "wildcard", "b*", "nest_under", "n",
                    "add_prefix", "p_").run("t", "{'a':1,'ab':2,'bb':3,'c':4}");
            assertThat(run.only()).isEqualTo("{'ab':2,'c':4,'n':{'p_a':1,'p_bb':3}}");
        }

        @Test
        void wildcardsAreCaseSensitiveAndExactWithoutStar() {
            Run run = make(NEST, "operation", "nest", "wildcard", "Mem", "nest_under", "n")
                    .run("t", "{'mem':1,'Mem':2,'Mem.x':3}");
            assertThat(run.only()).isEqualTo("{'mem':1,'Mem.x':3,'n':{'Mem':2}}");
        }

        @Test
        void anExistingKeyOfTheNewNameIsNotMergedButDuplicated() {
            Run run = make(NEST, "operation", "nest", "wildcard", "a", "nest_under", "n")
                    .run("t", "{'n':0,'a':1}");
            assertThat(run.only()).isEqualTo("{'n':0,'n':{'a':1}}");
        }

        @Test
        void recordsWithNothingToMoveGoOnUnchanged() {
            Run run = make(NEST, "operation", "nest", "wildcard", "zzz", "nest_under", "n").run("t", "{'a':1}");
            assertThat(run.result()).isEqualTo(FilterResult.UNCHANGED);
        }
    }

    @Nested
    class LiftOperation {

        @Test
        void theMapsEntriesComeAfterTheOtherKeys() {
            Run run = make(NEST, "operation", "lift", "nested_under", "mem")
                    .run("t", "{'mem':{'total':1,'used':3},'Swap.free':2}");
            assertThat(run.only()).isEqualTo("{'Swap.free':2,'total':1,'used':3}");
        }

        @Test
        void prefixesApplyToTheLiftedKeys() {
            Run add = make(NEST, "operation", "lift", "nested_under", "m", "add_prefix", "m.")
                    .run("t", "{'m':{'a':1},'b':2}");
            assertThat(add.only()).isEqualTo("{'b':2,'m.a':1}");
            Run remove = make(NEST, "operation", "lift", "nested_under", "m", "remove_prefix", "x_")
                    .run("t", "{'m':{'x_a':1,'b':2}}");
            assertThat(remove.only()).isEqualTo("{'a':1,'b':2}");
        }

        @Test
        void everyMapOfThatNameIsLiftedAndCollidingNamesAreDuplicated() {
            Run run = make(NEST, "operation", "lift", "nested_under", "m")
                    .run("t", "{'m':{'a':1},'a':0,'m':{'b':2}}");
            assertThat(run.only()).isEqualTo("{'a':0,'a':1,'b':2}");
        }

        @Test
        void aValueThatIsNotAMapIsKeptWithAWarning() {
            Filters.Made lift = make(NEST, "operation", "lift", "nested_under", "m");
            Run run = lift.run("t", "{'m':'text','a':1}");
            assertThat(run.only()).isEqualTo("{'m':'text','a':1}");
            assertThat(run.result()).isEqualTo(FilterResult.UNCHANGED);
            assertThat(lift.counter("lift_not_a_map")).isEqualTo(1);
            assertThat(lift.context().log().messages(Level.WARN))
                    .anyMatch(w -> w.contains("Value of key 'm' is not a map"));
        }

        @Test
        void anEmptyMapIsLiftedToNothing() {
            Run run = make(NEST, "operation", "lift", "nested_under", "m").run("t", "{'a':1,'m':{}}");
            assertThat(run.only()).isEqualTo("{'a':1}");
        }
    }

    @Nested
    class Configuration {

        @Test
        void operationIgnoresCaseAndMustBeTheWholeWordUnlikeFluentBit() {
            Run run = make(NEST, "operation", "Nest", "wildcard", "a", "nest_under", "n").run("t", "{'a':1}");
            assertThat(run.only()).isEqualTo("{'n':{'a':1}}");
            assertThat(configError(NEST, "operation", "nesting", "nest_under", "n")).contains("key 'operation'")
                    .contains("'nesting'").contains("nest, lift");
        }

        @Test
        void operationIsRequired() {
            assertThat(configError(NEST, "nest_under", "n")).contains("'operation' is required");
        }

        @Test
        void nestNeedsNestUnderAndLiftNeedsNestedUnder() {
            assertThat(configError(NEST, "operation", "nest", "wildcard", "a")).contains("key 'nest_under'")
                    .contains("needs Nest_under");
            assertThat(configError(NEST, "operation", "lift")).contains("key 'nested_under'")
                    .contains("needs Nested_under");
        }

        @Test
        void theOtherKeyNameIsAcceptedAsFluentBitDoesWithAWarning() {
            Filters.Made m = make(NEST, "operation", "lift", "nest_under", "m");
            assertThat(m.run("t", "{'m':{'a':1}}").only()).isEqualTo("{'a':1}");
            assertThat(m.context().log().messages(Level.WARN)).anyMatch(w -> w.contains("Nested_under"));
        }

        @Test
        void addPrefixAndRemovePrefixAreExclusive() {
            assertThat(configError(NEST, "operation", "lift", "nested_under", "m", "add_prefix", "a",
                    "remove_prefix", "b")).contains("Add_prefix and Remove_prefix are exclusive");
        }
    }
}
