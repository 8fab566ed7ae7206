package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.SystemStack;
import dev.matchflow.usermatch.EventDelivery;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of fault acts on the running stack as it says, and every switch shows in the stack's state. */
class FaultSwitchesTest {

    private static final Duration QUIET_WITHIN = Duration.ofSeconds(30);

    private SystemStack stack;
    private StackClient client;

    @BeforeEach
    void startStack() {
        stack = SystemStack.start(StackSettings.defaults().withTimeScale(100));
        client = StackClient.of(stack);
    }

    @AfterEach
    void stopStack() {
        stack.close();
    }

    @Test
    void aServiceThatIsDownRefusesConnectionsAndComesBackOnTheSamePort() {
        String health = stack.endpoints().matches() + "/healthz";
        assertThat(TestHttp.get(health).status()).isEqualTo(200);

        stack.faults().on("matches down");

        assertThatThrownBy(() -> TestHttp.get(health))
                .as("the open connection is cut")
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> TestHttp.get(health))
                .as("a new connection is refused")
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);
        stack.faults().off("matches down");
        assertThat(TestHttp.get(health).status()).isEqualTo(200);
    }

    @Test
    void aServiceDownWithAStatusAnswersItWithAnErrorBody() {
        stack.faults().on("pools down status 503");

        Answer answer = TestHttp.get(stack.endpoints().pools() + "/pools");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.errorCode()).isEqualTo("unavailable");
        assertThat(answer.errorMessage()).contains("pools down status 503");
    }

    @Test
    void aFailingServiceWithResetDropsTheConnectionWithoutAnAnswer() {
        stack.faults().on("usermatch failing 1 reset");

        assertThatThrownBy(() -> TestHttp.get(stack.endpoints().userMatch() + "/users/" + UUID.randomUUID() + "/pool"))
                .isInstanceOf(UncheckedIOException.class);
        stack.faults().off("usermatch");
        assertThat(TestHttp.get(stack.endpoints().userMatch() + "/healthz").status())
                .isEqualTo(200);
    }

    @Test
    void aSlowServiceAnswersNoSoonerThanItsLatency() {
        stack.faults().on("pools slow 300ms");

        long started = System.nanoTime();
        Answer answer = TestHttp.get(stack.endpoints().pools() + "/pools");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void everySwitchShowsInTheSnapshotTheFlowAndTheMetrics() {
        stack.faults().on("matches failing 0.3");
        stack.faults().on("pubsub delay 1s");
        stack.faults().off("pubsub delay");

        assertThat(stack.snapshot().faults())
                .extracting(active -> active.fault().describe())
                .containsExactly("matches failing 0.3 status 503");
        await("the flow feed hands its events out on a thread of its own")
                .untilAsserted(() -> assertThat(stack.flow().recent())
                        .extracting(FlowEvent::action, FlowEvent::detail)
                        .containsSubsequence(
                                tuple("fault on", "matches failing 0.3 status 503"),
                                tuple("fault on", "pubsub delay 1s"),
                                tuple("fault off", "pubsub delay 1s")));
        assertThat(TestHttp.get(stack.endpoints().stack() + "/metrics").body()).contains("stack_faults_active 1.0");
    }

    @Test
    void whileTheTriggerIsDownMessagesWaitInTheSubscription() throws Exception {
        UUID leaver = UUID.randomUUID();
        Pool pool = client.createPool("trigger-down", null);
        client.join(leaver, pool.id());
        stack.faults().on("trigger down");

        assertThat(client.leave(leaver).event()).isEqualTo(EventDelivery.PUBLISHED);
        await().untilAsserted(() -> assertThat(
                        stack.snapshot().pubsub().orElseThrow().trigger().backlog())
                .isEqualTo(1));
        assertThat(stack.quiescence().isQuiet()).isFalse();

        stack.faults().off("trigger down");
        stack.awaitQuiescence(QUIET_WITHIN);
        assertThat(stack.snapshot().cleanups()).hasSize(1);
    }

    @Test
    void duringAPublishOutageALeaveIsQueuedAndPublishedWhenPubSubIsBack() throws Exception {
        UUID leaver = UUID.randomUUID();
        Pool pool = client.createPool("outage", null);
        client.join(leaver, pool.id());
        stack.faults().on("pubsub publish-outage");

        assertThat(client.leave(leaver).event()).isEqualTo(EventDelivery.QUEUED);
        assertThat(stack.snapshot().pendingEvents()).hasSize(1);

        stack.faults().off("pubsub publish-outage");
        stack.awaitQuiescence(QUIET_WITHIN);
        assertThat(stack.snapshot().pendingEvents()).isEmpty();
        assertThat(stack.snapshot().cleanups()).hasSize(1);
    }
}
