package io.sluice.input.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixedRateTicksTest {

    private static final long MS = 1_000_000;
    private static final long ANCHOR = 5_000 * MS;
    private static final long PERIOD = 1_000 * MS;

    @Test
    void aLateOrSlowTickDoesNotShiftTheNextOne() {
        FixedRateTicks ticks = new FixedRateTicks(ANCHOR, PERIOD);

        assertThat(ticks.arrive(ANCHOR + PERIOD + 40 * MS)).isEqualTo(1);
        assertThat(ticks.delayToNext(ANCHOR + PERIOD + 70 * MS)).isEqualTo(930 * MS);
    }

    @Test
    void ticksArrivingOnTimeEachCoverOnePeriod() {
        FixedRateTicks ticks = new FixedRateTicks(ANCHOR, PERIOD);

        for (int k = 1; k <= 5; k++) {
            assertThat(ticks.arrive(ANCHOR + k * PERIOD + MS)).isEqualTo(1);
            assertThat(ticks.delayToNext(ANCHOR + k * PERIOD + 2 * MS)).isEqualTo(PERIOD - 2 * MS);
        }
    }

    @Test
    void aTickMoreThanAPeriodLateReplacesTheMissedOnesAndCoversTheirPeriods() {
        FixedRateTicks ticks = new FixedRateTicks(ANCHOR, PERIOD);
        ticks.arrive(ANCHOR + PERIOD);

        assertThat(ticks.arrive(ANCHOR + 4 * PERIOD + 500 * MS)).isEqualTo(3);
        assertThat(ticks.delayToNext(ANCHOR + 4 * PERIOD + 500 * MS)).isEqualTo(500 * MS);
    }

    @Test
    void aTickRunningAFractionEarlyStillCountsAsItsOwnTick() {
        FixedRateTicks ticks = new FixedRateTicks(ANCHOR, PERIOD);

        assertThat(ticks.arrive(ANCHOR + PERIOD - 1)).isEqualTo(1);
        assertThat(ticks.delayToNext(ANCHOR + PERIOD)).isEqualTo(PERIOD);
    }
}
