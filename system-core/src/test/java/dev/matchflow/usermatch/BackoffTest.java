package dev.matchflow.usermatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void theSpanDoublesWithEachFailureUntilItReachesTheMaximum() {

        var spans = IntStream.rangeClosed(1, 9).mapToObj(backoff::span).toList();

        assertThat(spans)
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(32),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(60));
    }

    @Test
    void aVeryLongRunOfFailuresStaysAtTheMaximum() {

        Duration span = backoff.span(Integer.MAX_VALUE);

        assertThat(span).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void eachWaitIsDrawnFromTheUpperHalfOfItsSpan() {
        SplittableRandom random = new SplittableRandom(42);

        var waits = IntStream.range(0, 1_000)
                .mapToObj(i -> backoff.delayAfter(4, random))
                .toList();

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8)));
        assertThat(waits.stream().distinct().count())
                .as("jitter spreads the waits")
                .isGreaterThan(100);
    }

    @Test
    void aMaximumShorterThanTheFirstSpanIsRefused() {

        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max backoff PT1S is shorter than the initial PT10S");
    }

    @Test
    void aLeaseThatPollsCouldNotRenewInTimeIsRefused() {

        assertThatThrownBy(() -> RelaySettings.defaults().withLease(Duration.ofMillis(1_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease PT1S must last at least three poll intervals (PT0.5S)");
    }
}
