package io.sluice.distribution.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceivedRecordsTest {

    private final ReceivedRecords records = ReceivedRecords.of(List.of(
            Map.of("seq", 1L), Map.of("seq", 2L), Map.of("seq", 2L), Map.of("seq", 4L), Map.of("seq", 4L),
            Map.of("seq", 4L), Map.of("msg", "no seq"), Map.of("seq", "5")), "seq");

    @Test
    void countsEveryNumberedRecordIncludingDuplicates() {
        assertThat(records.count()).isEqualTo(6);
    }

    @Test
    void countsRecordsWithoutAnIntegerFieldApart() {
        assertThat(records.unnumbered()).isEqualTo(2);
    }

    @Test
    void listsDistinctSequenceNumbers() {
        assertThat(records.distinctSeqs()).containsExactly(1L, 2L, 4L);
        assertThat(records.distinctCount()).isEqualTo(3);
    }

    @Test
    void countsDuplicatesBeyondTheFirstCopy() {
        assertThat(records.duplicates()).isEqualTo(3);
        assertThat(records.duplicatedSeqs()).containsExactly(Map.entry(2L, 2), Map.entry(4L, 3));
    }

    @Test
    void findsMissingNumbersInARange() {
        assertThat(records.missing(0, 5)).containsExactly(0L, 3L, 5L);
        assertThat(records.missingCount(0, 5)).isEqualTo(3);
        assertThat(records.containsAll(1, 2)).isTrue();
        assertThat(records.containsAll(1, 4)).isFalse();
    }

    @Test
    void summarisesForTestMessages() {
        assertThat(records.summary(1, 4))
                .isEqualTo("4 of 1..4: 6 received, 3 duplicates, 1 missing (first [3]), 2 unnumbered");
    }
}
