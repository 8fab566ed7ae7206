package dev.matchflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.invariants.Invariant;
import dev.matchflow.invariants.InvariantChecker;
import dev.matchflow.invariants.InvariantResult;
import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchStatus;
import dev.matchflow.pools.Pool;
import dev.matchflow.usermatch.EventDelivery;
import dev.matchflow.usermatch.LeaveOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestTemplate;

/**
 * The match cleanup system end to end, through its public HTTP APIs and Pub/Sub only. Every test starts its own
 * stack, as the subclass says: on which Pub/Sub backend and database, in this process or in containers. The tests
 * are templates: the subclass registers what runs them, once per database for example ({@code @OnEachDatabase}).
 */
public abstract class StackEndToEndContract {

    private static final Duration QUIET_WITHIN = Duration.ofSeconds(60);

    private RunningStack stack;
    private StackClient client;

    /** Starts the stack under test with the default settings as {@code adjust} changes them. */
    protected abstract RunningStack startStack(UnaryOperator<StackSettings> adjust);

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @TestTemplate
    void aLeaveRemovesTheUsersWaitingAndRejectedMatchesAndTheirDecisionsAndKeepsAcceptedOnes() throws Exception {
        start(UnaryOperator.identity());
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        Pool pool = givenPoolWith(leaver, other, third);
        Match waiting = client.createMatch(pool.id(), leaver, other);
        Match rejected = decided(client.createMatch(pool.id(), leaver, third), leaver, "accept", third, "reject");
        Match accepted = decided(client.createMatch(pool.id(), other, leaver), other, "accept", leaver, "accept");
        Match othersOnly = client.createMatch(pool.id(), other, third);

        LeaveOutcome left = client.leave(leaver);
        stack.awaitQuiescence(QUIET_WITHIN);

        StackSnapshot state = stack.snapshot();
        assertThat(left.event()).isEqualTo(EventDelivery.PUBLISHED);
        assertThat(ids(state.matches())).doesNotContain(waiting.id(), rejected.id());
        assertThat(ids(state.matches())).contains(accepted.id(), othersOnly.id());
        assertThat(state.decisionsOn(rejected.id())).isEmpty();
        assertThat(state.decisionsOn(accepted.id())).hasSize(2);
        assertThat(state.cleanups()).singleElement().satisfies(cleanup -> {
            assertThat(cleanup.eventId()).isEqualTo(left.eventId().toString());
            assertThat(cleanup.matchesDeleted()).isEqualTo(2);
            assertThat(cleanup.decisionsDeleted()).isEqualTo(2);
            assertThat(cleanup.acceptedKept()).isEqualTo(1);
        });
        assertThat(state.messages().acked())
                .containsExactly(state.outbox().get(0).messageId().orElseThrow());
    }

    @TestTemplate
    void matchesInAnotherPoolAreUntouchedByALeave() throws Exception {
        start(UnaryOperator.identity());
        UUID leaver = UUID.randomUUID();
        UUID partner = UUID.randomUUID();
        Pool earlier = givenPoolWith(leaver, partner);
        Match keptEarlier =
                decided(client.createMatch(earlier.id(), leaver, partner), leaver, "accept", partner, "accept");
        client.leave(leaver);
        UUID neighbour = UUID.randomUUID();
        client.join(neighbour, earlier.id());
        Match neighbours = client.createMatch(earlier.id(), partner, neighbour);
        Pool current = givenPoolWith(leaver, UUID.randomUUID());

        client.leave(leaver);
        stack.awaitQuiescence(QUIET_WITHIN);

        StackSnapshot state = stack.snapshot();
        assertThat(ids(state.matches())).contains(keptEarlier.id(), neighbours.id());
        assertThat(state.poolOf(leaver)).isEmpty();
        assertThat(state.pool(current.id()).orElseThrow().memberCount()).isEqualTo(1);
        assertThat(state.cleanups()).hasSize(2);
        assertEveryInvariantHolds(state);
    }

    @TestTemplate
    void deletingAPoolRemovesItsMembersMatchesAndDecisionsAndPublishesNothing() throws Exception {
        start(UnaryOperator.identity());
        UUID userA = UUID.randomUUID();
        UUID userB = UUID.randomUUID();
        Pool pool = givenPoolWith(userA, userB);
        Match accepted = decided(client.createMatch(pool.id(), userA, userB), userA, "accept", userB, "accept");

        client.deletePool(pool.id());
        stack.awaitQuiescence(QUIET_WITHIN);

        StackSnapshot state = stack.snapshot();
        assertThat(state.pool(pool.id())).isEmpty();
        assertThat(state.membersOf(pool.id())).isEmpty();
        assertThat(ids(state.matches())).doesNotContain(accepted.id());
        assertThat(state.decisionsOn(accepted.id())).isEmpty();
        assertThat(state.outbox()).isEmpty();
        assertThat(state.messages().published()).isZero();
        assertEveryInvariantHolds(state);
    }

    @TestTemplate
    void withPublishingDisabledALeaveRemovesTheMemberAndPublishesNothing() throws Exception {
        start(settings -> settings.withPublishingEnabled(false));
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Pool pool = givenPoolWith(leaver, other);
        Match waiting = client.createMatch(pool.id(), leaver, other);

        LeaveOutcome left = client.leave(leaver);
        stack.awaitQuiescence(QUIET_WITHIN);

        StackSnapshot state = stack.snapshot();
        assertThat(left.event()).isEqualTo(EventDelivery.DISABLED);
        assertThat(state.poolOf(leaver)).isEmpty();
        assertThat(state.outbox()).isEmpty();
        assertThat(state.messages().published()).isZero();
        assertThat(ids(state.matches()))
                .as("without an event nothing cleans up, as in the original system")
                .contains(waiting.id());
        assertThat(InvariantChecker.check(state, client.history()))
                .filteredOn(result -> !result.holds())
                .extracting(InvariantResult::invariant)
                .containsExactly(Invariant.NO_ORPHANED_MATCHES);
    }

    @TestTemplate
    void anEventPublishedByHandInTheDocumentedFormatCleansUp() throws Exception {
        start(UnaryOperator.identity());
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Pool pool = givenPoolWith(leaver, other);
        Match waiting = client.createMatch(pool.id(), leaver, other);
        UUID eventId = UUID.randomUUID();
        String body = "{\"event_type\":\"pool_member_removed\",\"event_id\":\"" + eventId + "\",\"pool_id\":\""
                + pool.id() + "\",\"user_id\":\"" + leaver + "\",\"timestamp\":\"2999-01-01T00:00:00Z\"}";
        Map<String, String> attributes = Map.of(
                "event_type",
                "pool_member_removed",
                "pool_id",
                pool.id().toString(),
                "user_id",
                leaver.toString(),
                "version",
                "1");

        stack.publishByHand(message(body, attributes));
        stack.awaitQuiescence(QUIET_WITHIN);

        StackSnapshot state = stack.snapshot();
        assertThat(ids(state.matches())).doesNotContain(waiting.id());
        assertThat(state.cleanups())
                .singleElement()
                .satisfies(cleanup -> assertThat(cleanup.eventId()).isEqualTo(eventId.toString()));
    }

    @TestTemplate
    void anEventOfTheOlderTypeNameWithoutIdOrTimestampCleansUp() throws Exception {
        start(UnaryOperator.identity());
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Pool pool = givenPoolWith(leaver, other);
        Match waiting = client.createMatch(pool.id(), leaver, other);
        String body =
                "{\"event_type\":\"user_left_pool\",\"pool_id\":\"" + pool.id() + "\",\"user_id\":\"" + leaver + "\"}";

        String messageId = stack.publishByHand(message(body, Map.of()));
        stack.awaitQuiescence(QUIET_WITHIN);

        StackSnapshot state = stack.snapshot();
        assertThat(ids(state.matches())).doesNotContain(waiting.id());
        assertThat(state.cleanups())
                .singleElement()
                .satisfies(cleanup -> assertThat(cleanup.leftAt()).isEmpty());
        assertThat(state.messages().unsettled()).doesNotContain(messageId);
    }

    @TestTemplate
    void theInternalEndpointsRefuseAMissingOrWrongToken() {
        start(UnaryOperator.identity());
        String cleanup = stack.endpoints().matches() + "/matches/internal/cleanup/user/" + UUID.randomUUID() + "/pool/"
                + UUID.randomUUID();

        Answer missing = TestHttp.delete(cleanup);
        Answer wrong = TestHttp.delete(cleanup, Map.of("Authorization", "Bearer not-the-token"));
        Answer right = TestHttp.delete(cleanup, Map.of("Authorization", "Bearer " + stack.internalToken()));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.errorCode()).isEqualTo("unauthenticated");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(right.status()).isEqualTo(200);
    }

    @TestTemplate
    void invalidIdsAreRefusedWith400NamingTheId() {
        start(UnaryOperator.identity());
        StackEndpoints endpoints = stack.endpoints();

        Answer leave = TestHttp.delete(endpoints.userMatch() + "/users/test-user/pool");
        Answer pool = TestHttp.get(endpoints.pools() + "/pools/test-pool");
        Answer match = TestHttp.post(
                endpoints.matches() + "/matches",
                "{\"pool_id\":\"test-pool\",\"user_a_id\":\"" + UUID.randomUUID() + "\",\"user_b_id\":\""
                        + UUID.randomUUID() + "\"}");

        for (Answer answer : List.of(leave, pool, match)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("invalid_id");
        }
        assertThat(leave.errorMessage()).contains("'test-user'");
        assertThat(pool.errorMessage()).contains("'test-pool'");
        assertThat(match.errorMessage()).contains("'test-pool'");
    }

    private void assertEveryInvariantHolds(StackSnapshot state) {
        assertThat(InvariantChecker.check(state, client.history()))
                .allSatisfy(result -> assertThat(result.holds())
                        .as(result.invariant().statement() + " " + result.summary())
                        .isTrue());
    }

    private void start(UnaryOperator<StackSettings> adjust) {
        stack = startStack(adjust);
        client = StackClient.of(stack);
    }

    private Pool givenPoolWith(UUID... members) {
        Pool pool = client.createPool("pool-" + UUID.randomUUID(), null);
        for (UUID member : members) {
            client.join(member, pool.id());
        }
        return pool;
    }

    private Match decided(Match match, UUID first, String firstDecision, UUID second, String secondDecision) {
        client.decide(match.id(), first, firstDecision);
        Match decided = client.decide(match.id(), second, secondDecision);
        assertThat(decided.status()).isIn(MatchStatus.ACCEPTED, MatchStatus.REJECTED);
        return decided;
    }

    private static PubsubMessage message(String body, Map<String, String> attributes) {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(body, StandardCharsets.UTF_8))
                .putAllAttributes(attributes)
                .build();
    }

    private static List<UUID> ids(List<Match> matches) {
        return matches.stream().map(Match::id).toList();
    }
}
