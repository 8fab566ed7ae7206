package dev.matchflow.console.letters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LastFailuresTest {

    @Test
    void aDeadLetterShowsTheLastFailureOfItsMessageOnce() {
        LastFailures failures = new LastFailures(10);

        failures.failed("m-1", "push: 500");
        failures.failed("m-1", "push: timed out");

        assertThat(failures.deadLettered("m-1")).isEqualTo("push: timed out");
        assertThat(failures.deadLettered("m-1")).isEqualTo(LastFailures.NONE_SEEN);
    }

    @Test
    void theMessagesThatFailedLeastRecentlyArePushedOutBeyondTheCapacity() {
        LastFailures failures = new LastFailures(3);

        failures.failed("m-1", "push: 500");
        failures.failed("m-2", "push: 500");
        failures.failed("m-3", "push: 500");
        failures.failed("m-1", "push: 503");
        failures.failed("m-4", "push: 500");

        assertThat(failures.deadLettered("m-2")).isEqualTo(LastFailures.NONE_SEEN);
        assertThat(failures.deadLettered("m-1")).isEqualTo("push: 503");
        assertThat(failures.deadLettered("m-3")).isEqualTo("push: 500");
        assertThat(failures.deadLettered("m-4")).isEqualTo("push: 500");
    }

    @Test
    void clearingForgetsEveryFailure() {
        LastFailures failures = new LastFailures(3);
        failures.failed("m-1", "push: 500");

        failures.clear();

        assertThat(failures.deadLettered("m-1")).isEqualTo(LastFailures.NONE_SEEN);
    }
}
