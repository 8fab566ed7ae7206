package dev.matchflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowFeedTest {

    private final FlowFeed feed = new FlowFeed(3);
    private final List<FlowEvent> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        feed.close();
    }

    @Test
    void observersSeeEventsInOrderWithSequenceNumbers() {
        feed.subscribe(seen::add);

        feed.publish(event("leave"));
        feed.publish(event("publish"));

        await().until(() -> seen.size() == 2);
        assertThat(seen).extracting(FlowEvent::action).containsExactly("leave", "publish");
        assertThat(seen).extracting(FlowEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void keepsOnlyTheMostRecentEventsForLateObservers() {
        for (String action : List.of("a", "b", "c", "d")) {
            feed.publish(event(action));
        }

        await().until(() ->
                feed.recent().size() == 3 && feed.recent().get(2).action().equals("d"));
        assertThat(feed.recent()).extracting(FlowEvent::action).containsExactly("b", "c", "d");
    }

    @Test
    void aClosedSubscriptionStopsDelivery() throws Exception {
        AutoCloseable subscription = feed.subscribe(seen::add);
        feed.publish(event("first"));
        await().until(() -> seen.size() == 1);

        subscription.close();
        feed.publish(event("second"));

        await().until(() -> feed.recent().size() == 2);
        assertThat(seen).extracting(FlowEvent::action).containsExactly("first");
    }

    @Test
    void aFailingObserverDoesNotStopTheOthers() {
        feed.subscribe(event -> {
            throw new IllegalStateException("observer failure");
        });
        feed.subscribe(seen::add);

        feed.publish(event("leave"));

        await().until(() -> seen.size() == 1);
    }

    @Test
    void closingHandsOutWhatWasQueued() {
        feed.subscribe(seen::add);
        feed.publish(event("leave"));

        feed.close();

        assertThat(seen).extracting(FlowEvent::action).containsExactly("leave");
    }

    private static FlowEvent event(String action) {
        return new FlowEvent(
                0,
                Instant.now(),
                Component.CLIENT,
                Component.USER_MATCH,
                action,
                FlowOutcome.OK,
                null,
                null,
                null,
                null,
                null,
                Duration.ZERO,
                null);
    }
}
