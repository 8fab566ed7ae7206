package dev.matchflow.pubsub.embedded;

import com.google.protobuf.util.Durations;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import java.util.concurrent.TimeUnit;

/**
 * How long a nacked or expired message waits before its next delivery.
 *
 * <p>With a retry policy: {@code minimum_backoff} after the first failed delivery, doubling with each further one, up to
 * {@code maximum_backoff}. Without one, a pull subscription redelivers at once, while a push subscription backs off
 * from 100 ms up to 60 s as the real service does for failing endpoints. Delays are divided by the time scale.
 */
final class RetryBackoff {

    private static final long PUSH_MINIMUM_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long PUSH_MAXIMUM_NANOS = TimeUnit.SECONDS.toNanos(60);

    private RetryBackoff() {}

    static long delayNanos(Subscription config, int failedDeliveries, double timeScale) {
        long delay;
        if (config.hasRetryPolicy()) {
            RetryPolicy policy = config.getRetryPolicy();
            delay = exponential(
                    Durations.toNanos(policy.getMinimumBackoff()),
                    Durations.toNanos(policy.getMaximumBackoff()),
                    failedDeliveries);
        } else if (SubscriptionSettings.isPush(config)) {
            delay = exponential(PUSH_MINIMUM_NANOS, PUSH_MAXIMUM_NANOS, failedDeliveries);
        } else {
            delay = 0;
        }
        return (long) (delay / timeScale);
    }

    private static long exponential(long minimum, long maximum, int failedDeliveries) {
        int doublings = Math.min(Math.max(failedDeliveries - 1, 0), 40);
        double delay = minimum * Math.pow(2, doublings);
        return (long) Math.min(delay, maximum);
    }
}
