package dev.matchflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.http.TestHttp;
import dev.matchflow.pools.Pool;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What observers of a running stack see: one flow event per hop, and the spans behind them. */
class StackFlowTest {

    private static final Duration QUIET_WITHIN = Duration.ofSeconds(30);

    private final List<FlowEvent> flow = new CopyOnWriteArrayList<>();
    private final List<SpanData> spans = new CopyOnWriteArrayList<>();
    private SystemStack stack;
    private StackClient client;

    @BeforeEach
    void startStack() {
        stack = SystemStack.start(StackSettings.defaults());
        stack.flow().subscribe(flow::add);
        stack.subscribeSpans(spans::add);
        client = StackClient.of(stack);
    }

    @AfterEach
    void stopStack() {
        stack.close();
    }

    @Test
    void aLeaveIsSeenHopByHopFromTheRequestToTheCleanup() throws Exception {
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Pool pool = client.createPool("flow", null);
        client.join(leaver, pool.id());
        client.join(other, pool.id());
        client.createMatch(pool.id(), leaver, other);

        client.leave(leaver);
        stack.awaitQuiescence(QUIET_WITHIN);

        await().untilAsserted(() -> assertThat(hops())
                .contains(
                        "CLIENT->USER_MATCH leave OK",
                        "USER_MATCH->POOLS remove member OK",
                        "SUBSCRIPTION->TRIGGER pull OK",
                        "TRIGGER->FUNCTION deliver OK",
                        "FUNCTION->MATCHES cleanup OK"));
        FlowEvent cleanup = only("cleanup");
        assertThat(cleanup.userId()).isEqualTo(leaver.toString());
        assertThat(cleanup.poolId()).isEqualTo(pool.id().toString());
        assertThat(cleanup.detail()).isEqualTo("cleaned: 1 matches and 0 decisions deleted, 0 accepted kept");
        assertThat(only("deliver").traceId())
                .as("the function's invocation continues the delivery's trace")
                .isEqualTo(cleanup.traceId());
    }

    @Test
    void aCallFromOneServiceToAnotherIsOneHopNamedAfterTheCalleesRoute() {
        UUID userA = UUID.randomUUID();
        UUID userB = UUID.randomUUID();
        Pool pool = client.createPool("calls", null);
        client.join(userA, pool.id());
        client.join(userB, pool.id());

        client.createMatch(pool.id(), userA, userB);

        await().untilAsserted(() -> assertThat(hops())
                .containsSubsequence(
                        "CLIENT->POOLS create pool OK",
                        "CLIENT->USER_MATCH join OK",
                        "USER_MATCH->POOLS add member OK",
                        "CLIENT->MATCHES create match OK")
                .contains("MATCHES->POOLS check membership OK"));
        assertThat(flow).noneMatch(event -> event.action().startsWith("GET"));
    }

    @Test
    void aMessageThatIsNotAnEventIsRejectedAtTheFunction() throws Exception {
        PubsubMessage notAnEvent = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom("user 2222 left pool 1111", StandardCharsets.UTF_8))
                .build();

        String messageId = stack.publishByHand(notAnEvent);
        stack.awaitQuiescence(QUIET_WITHIN);

        await().untilAsserted(() ->
                assertThat(hops()).contains("CLIENT->TOPIC publish OK", "FUNCTION->FUNCTION reject REJECTED"));
        assertThat(only("reject").messageId()).isEqualTo(messageId);
        assertThat(only("reject").detail()).isEqualTo("not_json");
        assertThat(spans).anyMatch(span -> span.getName().equals("cleanup"));
    }

    @Test
    void theStacksMetricsShowTheFunctionTheTriggerAndTheSubscription() throws Exception {
        UUID leaver = UUID.randomUUID();
        Pool pool = client.createPool("metrics", null);
        client.join(leaver, pool.id());

        client.leave(leaver);
        stack.awaitQuiescence(QUIET_WITHIN);

        String metrics = TestHttp.get(stack.endpoints().stack() + "/metrics").body();
        assertThat(metrics)
                .contains("cleanup_function_invocations_total 1.0")
                .contains("trigger_deliveries_total{outcome=\"acked\"} 1.0")
                .contains("pubsub_subscription_backlog{subscription=\"match-cleanup-handler\"} 0.0")
                .contains("pubsub_dead_letters{subscription=\"match-cleanup-handler\"} 0.0");
    }

    private List<String> hops() {
        return flow.stream()
                .map(event -> event.from() + "->" + event.to() + " " + event.action() + " " + event.outcome())
                .toList();
    }

    private FlowEvent only(String action) {
        return flow.stream()
                .filter(event -> event.action().equals(action))
                .reduce((first, second) -> {
                    throw new AssertionError("more than one '" + action + "' hop: " + first + ", " + second);
                })
                .orElseThrow(() -> new AssertionError("no '" + action + "' hop in " + hops()));
    }
}
