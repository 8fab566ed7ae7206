package dev.matchflow.trigger;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A function that holds every invocation until released, and counts how many it held at once. */
final class BlockingFunction implements CloudEventsFunction {

    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public void accept(CloudEvent event) throws InterruptedException {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            released.await();
        } finally {
            running.decrementAndGet();
        }
    }

    void release() {
        released.countDown();
    }

    int running() {
        return running.get();
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }
}
