package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.engine.RetryPolicy.Decision;
import java.util.LongSummaryStatistics;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void waitsFollowFullJitterPlusOneWithinTheSpecBounds() {
        RetryPolicy policy = new RetryPolicy(5, 2000, 10, new Random(42));
        assertThat(stats(policy, 1)).satisfies(s -> {
            assertThat(s.getMin()).isEqualTo(6);
            assertThat(s.getMax()).isEqualTo(11);
        });
        assertThat(stats(policy, 2)).satisfies(s -> {
            assertThat(s.getMin()).isEqualTo(6);
            assertThat(s.getMax()).isEqualTo(21);
        });
        assertThat(stats(policy, 3)).satisfies(s -> {
            assertThat(s.getMin()).isEqualTo(6);
            assertThat(s.getMax()).isEqualTo(41);
        });
    }

    @Test
    void waitsNeverExceedTheCapPlusOne() {
        RetryPolicy policy = new RetryPolicy(5, 2000, -1, new Random(1));
        assertThat(stats(policy, 20).getMax()).isLessThanOrEqualTo(2001);
        assertThat(stats(policy, 200).getMax()).isLessThanOrEqualTo(2001);
    }

    @Test
    void retryLimitNMeansNRetries() {
        RetryPolicy two = new RetryPolicy(5, 2000, 2, new Random());
        assertThat(two.decide(0)).isEqualTo(Decision.RETRY);
        assertThat(two.decide(1)).isEqualTo(Decision.RETRY);
        assertThat(two.decide(2)).isEqualTo(Decision.EXHAUSTED);
    }

    @Test
    void zeroMeansNoRetriesAndNegativeMeansUnlimited() {
        assertThat(new RetryPolicy(5, 2000, 0, new Random()).decide(0)).isEqualTo(Decision.NO_RETRIES);
        assertThat(new RetryPolicy(5, 2000, -1, new Random()).decide(1_000_000)).isEqualTo(Decision.RETRY);
    }

    private static LongSummaryStatistics stats(RetryPolicy policy, int attempt) {
        return IntStream.range(0, 20_000).mapToLong(i -> policy.waitFor(attempt)).summaryStatistics();
    }
}
