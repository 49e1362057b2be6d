package io.sluice.filter.basic;

import static io.sluice.filter.basic.Filters.configError;
import static io.sluice.filter.basic.Filters.make;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sluice.api.FilterResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RecordModifierTest {

    private static final RecordModifierPlugin PLUGIN = new RecordModifierPlugin();

    @Test
    void recordEntriesAreAppendedInConfigurationOrderAsStrings() {
        Run run = make(PLUGIN, "record", "hostname host1", "record", "product \"Awesome Product\"",
                "record", "n 5").run("t", "{'log':'x'}");
        assertThat(run.only()).isEqualTo("{'log':'x','hostname':'host1','product':'Awesome Product','n':'5'}");
    }

    @Test
    void aRecordEntryReplacesAnExistingKeyUnlikeFluentBitWhichDuplicatesIt() {
        Run run = make(PLUGIN, "record", "hostname host1").run("t", "{'hostname':'old','a':1}");
        assertThat(run.only()).isEqualTo("{'a':1,'hostname':'host1'}");
    }

    @Test
    void theLastRecordEntryForAKeyWins() {
        Run run = make(PLUGIN, "record", "a 1", "record", "b 2", "record", "a 3").run("t", "{}");
        assertThat(run.only()).isEqualTo("{'b':'2','a':'3'}");
    }

    @Test
    void aRecordEntryOfThreeWordsIsSkippedWithAnErrorLineAndStartContinues() {
        Filters.Made m = make(PLUGIN, "record", "k two words", "record", "ok yes");
        assertThat(m.run("t", "{}").only()).isEqualTo("{'ok':'yes'}");
        assertThat(m.context().log().messages(Level.ERROR))
                .anyMatch(e -> e.contains("invalid record parameters, expects 'KEY VALUE'"));
    }

    /** A body of {@code n} keys k0, k1, … with the values 0, 1, …, as the tests write them. */
    private static String wide(int n) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("'k").append(i).append("':").append(i);
        }
        return b.append('}').toString();
    }

    @Test
    void wideRecordsKeepTheirEntriesAcrossTheMapHeadersSizes() {
        // 17 keys (a three-byte map header) minus two, dropped in the middle, is 15 (a one-byte header), written in
        // three pieces
        Run fewer = make(PLUGIN, "remove_key", "k5", "remove_key", "k11").run("t", wide(17));
        assertThat(fewer.only()).isEqualTo(wide(17).replace(",'k5':5", "").replace(",'k11':11", ""));
        // 14 keys plus three Record entries is 17
        Run more = make(PLUGIN, "record", "a 1", "record", "b 2", "record", "c 3").run("t", wide(14));
        assertThat(more.only()).isEqualTo(wide(14).replace("}", ",'a':'1','b':'2','c':'3'}"));
    }

    @Test
    void longKeysAndNestedValuesSurviveAsTheyCame() {
        String longKey = "k".repeat(40);
        Run run = make(PLUGIN, "remove_key", "drop", "record", "r x").run("t",
                "{'" + longKey + "':[1,{'n':'v'}],'drop':1,'s':'" + "é".repeat(20) + "','m':{'a':[]}}");
        assertThat(run.only()).isEqualTo("{'" + longKey + "':[1,{'n':'v'}],'s':'" + "é".repeat(20)
                + "','m':{'a':[]},'r':'x'}");
    }

    @Test
    void aRecordLeftWithNothingBecomesAnEmptyMap() {
        Run run = make(PLUGIN, "allowlist_key", "none").run("t", wide(3), "{}");
        assertThat(run.kept()).containsExactly("{}", "{}");
    }

    @Test
    void removeKeyIgnoresCaseAndATrailingStarMatchesAPrefix() {
        Run run = make(PLUGIN, "remove_key", "PASSWORD", "remove_key", "tmp_*")
                .run("t", "{'password':'x','Tmp_a':1,'tmp':2,'keep':3}");
        assertThat(run.only()).isEqualTo("{'tmp':2,'keep':3}");
    }

    @Test
    void allowlistKeepsOnlyMatchingKeysThenAppendsRecords() {
        Run run = make(PLUGIN, "allowlist_key", "log", "allowlist_key", "K8S_*", "record", "added 1")
                .run("t", "{'log':'x','k8s_pod':'p','other':2}");
        assertThat(run.only()).isEqualTo("{'log':'x','k8s_pod':'p','added':'1'}");
    }

    @Test
    void whitelistKeyIsTheDeprecatedNameOfAllowlistKey() {
        Run run = make(PLUGIN, "whitelist_key", "log").run("t", "{'log':'x','other':2}");
        assertThat(run.only()).isEqualTo("{'log':'x'}");
    }

    @Test
    void removeKeyAndAllowlistKeyAreExclusive() {
        assertThat(configError(PLUGIN, "remove_key", "a", "allowlist_key", "b"))
                .contains("remove_keys and allowlist_keys are exclusive with each other.");
        assertThat(configError(PLUGIN, "remove_key", "a", "whitelist_key", "b")).contains("exclusive");
    }

    @Test
    void uuidKeyAppendsANewRandomVersion4UuidToEveryRecordAfterTheRecordEntries() {
        Run run = make(PLUGIN, "uuid_key", "id", "record", "r 1").run("t", "{'a':1}", "{'a':2}", "{'id':'old'}");
        Pattern form = Pattern.compile("\\{(?:'a':\\d,)?'r':'1','id':'([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                + "[89ab][0-9a-f]{3}-[0-9a-f]{12})'}");
        List<String> ids = run.kept().stream().map(body -> {
            Matcher m = form.matcher(body);
            assertThat(m.matches()).as(body).isTrue();
            return m.group(1);
        }).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void aRecordLeftWithoutKeysBecomesAnEmptyMapUnlikeFluentBitWhereItVanishes() {
        Run run = make(PLUGIN, "remove_key", "a").run("t", "{'a':1}", "{'a':2,'b':3}");
        assertThat(run.result()).isEqualTo(FilterResult.REPLACED);
        assertThat(run.kept()).containsExactly("{}", "{'b':3}");
        Run all = make(PLUGIN, "allowlist_key", "zzz").run("t", "{'a':1}", "{'b':2}");
        assertThat(all.result()).isEqualTo(FilterResult.REPLACED);
        assertThat(all.kept()).containsExactly("{}", "{}");
    }

    @Test
    void recordsWithNothingToRemoveGoOnUnchanged() {
        Run run = make(PLUGIN, "remove_key", "a").run("t", "{'b':1}");
        assertThat(run.result()).isEqualTo(FilterResult.UNCHANGED);
    }

    @Test
    void aBodyThatIsNotAMapPassesOnAndIsCounted() {
        Filters.Made m = make(PLUGIN, "record", "a b");
        Run run = Run.of(m.filter(), Records.batchOfRawBodies("t", "'text'", "{}"), java.util.Set.of());
        assertThat(run.kept()).containsExactly("'text'", "{'a':'b'}");
        assertThat(m.counter("invalid_records")).isEqualTo(1);
    }
}
