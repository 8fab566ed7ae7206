package dev.matchflow.usermatch;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox relay works.
 *
 * @param pollInterval how often it looks for pending events that are due
 * @param maxInFlight the most events it publishes at once
 * @param publishTimeout how long a publish may go unanswered before it is reported as late; the relay keeps
 *     waiting for the answer, and {@link OutboxRelay#drainNow()} waits this long per round
 * @param lease how long a claim on an event lasts; the relay renews the claims of its publishes in flight every
 *     third of it, and another relay takes over an event whose claim lapsed
 * @param backoff the wait before the next attempt of an event the publisher gave up on
 */
public record RelaySettings(
        Duration pollInterval, int maxInFlight, Duration publishTimeout, Duration lease, Backoff backoff) {

    public RelaySettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(backoff, "backoff");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval " + pollInterval + " must be positive");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight " + maxInFlight + " must be at least 1");
        }
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("publish timeout " + publishTimeout + " must be positive");
        }
        if (lease.compareTo(pollInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("lease " + lease + " must last at least three poll intervals ("
                    + pollInterval + "), or claims would lapse between the polls that renew them");
        }
    }

    /**
     * Every 500 ms, up to 100 events in flight, late after 10 s, a lease of 60 s, and waits from 1 s doubling up
     * to 60 s.
     */
    public static RelaySettings defaults() {
        return new RelaySettings(
                Duration.ofMillis(500),
                100,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)));
    }

    public RelaySettings withPollInterval(Duration newPollInterval) {
        return new RelaySettings(newPollInterval, maxInFlight, publishTimeout, lease, backoff);
    }

    public RelaySettings withPublishTimeout(Duration newPublishTimeout) {
        return new RelaySettings(pollInterval, maxInFlight, newPublishTimeout, lease, backoff);
    }

    public RelaySettings withLease(Duration newLease) {
        return new RelaySettings(pollInterval, maxInFlight, publishTimeout, newLease, backoff);
    }

    public RelaySettings withBackoff(Backoff newBackoff) {
        return new RelaySettings(pollInterval, maxInFlight, publishTimeout, lease, newBackoff);
    }
}
