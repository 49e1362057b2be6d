package io.sluice.output.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageLimitsTest {

    @Test
    void withoutMaxMessageSizeThereIsNoLimitUntilTheServerRefusesAMessage() {
        MessageLimits limits = new MessageLimits(0);

        assertThat(limits.limit()).isZero();
        assertThat(limits.hard()).isZero();
        assertThat(limits.refused(2_000_000)).isTrue();
        assertThat(limits.limit()).isEqualTo(1_000_000);
        assertThat(limits.hard()).as("a learned limit leaves nothing out").isZero();
    }

    @Test
    void eachRefusalHalvesTheSmallerOfTheLimitAndTheRefusedMessage() {
        MessageLimits limits = new MessageLimits(0);
        limits.refused(2_000_000);

        assertThat(limits.refused(400_000)).isTrue();
        assertThat(limits.limit()).isEqualTo(200_000);
        assertThat(limits.refused(900_000)).as("a larger message than the limit: the limit is halved").isTrue();
        assertThat(limits.limit()).isEqualTo(100_000);
    }

    @Test
    void aServerRefusingEverythingStopsTeachingAtTheFloor() {
        MessageLimits limits = new MessageLimits(0);
        int refusals = 0;
        while (limits.refused(limits.limit() == 0 ? 1_000_000 : limits.limit())) {
            refusals++;
        }

        assertThat(limits.limit()).isEqualTo(MessageLimits.FLOOR);
        assertThat(refusals).isEqualTo(10);
        assertThat(limits.refusedAlone(500)).as("a record within the floor is never blamed").isFalse();
        assertThat(limits.hard()).isZero();
    }

    @Test
    void aRecordRefusedAloneMarksTheSizeFromWhichRecordsAreLeftOut() {
        MessageLimits limits = new MessageLimits(0);
        limits.refused(2_000_000);

        assertThat(limits.refusedAlone(100_000)).isTrue();
        assertThat(limits.hard()).isEqualTo(99_999);
        assertThat(limits.limit()).isEqualTo(50_000);
        assertThat(limits.refusedAlone(150_000)).as("already known to be too large").isFalse();
        assertThat(limits.refusedAlone(80_000)).isTrue();
        assertThat(limits.hard()).isEqualTo(79_999);
    }

    @Test
    void maxMessageSizeIsTheLimitAndTheHardLimitAndRefusalsGoBelowIt() {
        MessageLimits limits = new MessageLimits(64_000);

        assertThat(limits.limit()).isEqualTo(64_000);
        assertThat(limits.hard()).isEqualTo(64_000);
        assertThat(limits.refused(60_000)).isTrue();
        assertThat(limits.limit()).isEqualTo(30_000);
        assertThat(limits.hard()).isEqualTo(64_000);
    }

    @Test
    void aSmallMaxMessageSizeIsItsOwnFloor() {
        MessageLimits limits = new MessageLimits(500);

        assertThat(limits.refused(500)).isFalse();
        assertThat(limits.limit()).isEqualTo(500);
    }

    @Test
    void onlyTheFirstRefusalIsNews() {
        MessageLimits limits = new MessageLimits(0);

        assertThat(limits.firstRefusal()).isTrue();
        assertThat(limits.firstRefusal()).isFalse();
    }
}
