package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.matchflow.http.TestHttp;
import dev.matchflow.pubsub.embedded.SubscriptionStats;
import dev.matchflow.stack.StackEndpoints;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.SystemStack;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Ten thousand generated hostile messages through the real Pub/Sub, trigger and cleanup function: each is
 * acknowledged at its first delivery and recorded with the reason it was generated for, none is retried or
 * dead-lettered, the services stay healthy, and the run leaves no threads behind.
 *
 * <p>It runs on H2 only: the function rejects every one of these messages before it calls Matches, so no database
 * work depends on them.
 */
class HostileMessagesTest {

    private static final long SEED = 4_2025_12_05L;
    private static final int MESSAGES = 10_000;
    /** Messages sent first, so that the pools of threads the run needs have started before they are counted. */
    private static final int WARM_UP = 500;

    private static final int PUBLISHERS = 8;

    /**
     * Threads that pools (gRPC's, the HTTP clients') may still add under the full load, and keep idle for a minute; a
     * leak grows with the messages, far beyond this.
     */
    private static final int THREAD_SLACK = 20;

    /** A log line about a message carries ids, a reason and a short detail; never the message itself. */
    private static final int LONGEST_LOG_LINE = 1_000;

    @Test
    void everyHostileMessageIsAcknowledgedOnceAndRecordedWithTheReasonItWasMadeFor() throws Exception {
        HostileMessages generator = new HostileMessages(SEED);
        try (FaultedStack system = FaultedStack.inMemory(settings -> settings);
                LogLines logs = LogLines.capture()) {
            Map<String, String> warmUp = publishAll(system.stack(), generate(generator, WARM_UP));
            system.awaitQuiescence();
            assertServicesHealthy(system.stack().endpoints());
            int threadsAtStart = Thread.activeCount();

            Map<String, String> expected = publishAll(system.stack(), generate(generator, MESSAGES));
            system.awaitQuiescence();

            StackSnapshot state = system.snapshot();
            expected.putAll(warmUp);
            assertThat(state.rejections().stream()
                            .collect(Collectors.toMap(
                                    StackSnapshot.Rejection::messageId, StackSnapshot.Rejection::reason)))
                    .as("every message rejected once, with the reason it was made for")
                    .isEqualTo(expected);
            assertThat(state.messages().acked()).hasSize(expected.size());
            assertThat(state.messages().deadLettered()).isEmpty();
            assertThat(state.cleanups()).isEmpty();
            SubscriptionStats trigger = state.pubsub().orElseThrow().trigger();
            assertThat(trigger.deliveries()).as("one delivery per message").isEqualTo(expected.size());
            assertThat(trigger.nacked() + trigger.expired())
                    .as("nothing retried")
                    .isZero();
            assertThat(state.pubsub().orElseThrow().deadLetters().deliveries()).isZero();
            assertThat(rejectedByReason(system, expected)).isEqualTo(countByReason(expected));
            assertThat(system.stackMetric("trigger_deliveries_total{outcome=\"nacked\"}"))
                    .isZero();
            assertServicesHealthy(system.stack().endpoints());
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(Thread.activeCount())
                            .as("threads after the run, against " + threadsAtStart + " at its start")
                            .isLessThanOrEqualTo(threadsAtStart + THREAD_SLACK));
            assertThat(logs.linesThatAreNotShortSingleLines())
                    .as("log lines are single lines of ids and reasons")
                    .isEmpty();
            system.assertEveryInvariantHolds();
        }
    }

    private static List<HostileMessages.Hostile> generate(HostileMessages generator, int count) {
        List<HostileMessages.Hostile> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(generator.next());
        }
        return messages;
    }

    /** Publishes every message by hand from a few threads at once; answers each message id's expected reason. */
    private static Map<String, String> publishAll(SystemStack stack, List<HostileMessages.Hostile> messages)
            throws Exception {
        Map<String, String> expected = new ConcurrentHashMap<>();
        ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            List<Future<?>> published = new ArrayList<>();
            for (HostileMessages.Hostile hostile : messages) {
                published.add(publishers.submit(
                        () -> expected.put(stack.publishByHand(hostile.message()), hostile.reason())));
            }
            for (Future<?> each : published) {
                each.get();
            }
        } finally {
            publishers.shutdown();
        }
        return expected;
    }

    private static Map<String, Long> countByReason(Map<String, String> expected) {
        return expected.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, Long> rejectedByReason(FaultedStack system, Map<String, String> expected) {
        return expected.values().stream().distinct().collect(Collectors.toMap(Function.identity(), reason ->
                (long) system.stackMetric("cleanup_events_rejected_total{reason=\"" + reason + "\"}")));
    }

    private static void assertServicesHealthy(StackEndpoints endpoints) {
        for (URI service : List.of(endpoints.userMatch(), endpoints.pools(), endpoints.matches())) {
            assertThat(TestHttp.get(service + "/healthz").status())
                    .as(service + "/healthz")
                    .isEqualTo(200);
        }
    }

    /** Every line logged while it is open, as formatted for the console. */
    private static final class LogLines implements AutoCloseable {

        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        static LogLines capture() {
            LogLines logs = new LogLines();
            logs.appender.start();
            logs.root.addAppender(logs.appender);
            return logs;
        }

        /** The lines longer than {@link #LONGEST_LOG_LINE} or holding a line break, each cut short. */
        List<String> linesThatAreNotShortSingleLines() {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.length() > LONGEST_LOG_LINE || line.contains("\n") || line.contains("\r"))
                    .map(line -> line.substring(0, Math.min(line.length(), 300)))
                    .toList();
        }

        @Override
        public void close() {
            root.detachAppender(appender);
        }
    }
}
