package dev.matchflow.scenarios.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.events.EventCodec;
import dev.matchflow.http.Json;
import dev.matchflow.http.JsonHttpClient;
import dev.matchflow.http.ServiceCallException;
import dev.matchflow.matches.Match;
import dev.matchflow.matches.ReconcileOutcome;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.Pool;
import dev.matchflow.pools.PoolsService;
import dev.matchflow.scenarios.churn.MatchHandle;
import dev.matchflow.scenarios.language.MatchSpec.Choice;
import dev.matchflow.scenarios.language.PublishSpec;
import dev.matchflow.scenarios.language.Setup.PoolSpec;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.SystemStack;
import dev.matchflow.usermatch.LeaveOutcome;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * The requests a scenario makes, each through a public API: Pools, Matches and User-Match over HTTP, and the event
 * topic through Pub/Sub. Every answer updates the runner's {@link World} and is noted in the client's history; a
 * request whose answer is an error comes back as that error, never as an exception.
 */
final class Actions {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SystemStack stack;
    private final StackClient client;
    private final JsonHttpClient pools;
    private final World world;
    private final LeaveTracker leaves;
    private final SplittableRandom eventIds;

    Actions(SystemStack stack, StackClient client, World world, LeaveTracker leaves) {
        this.stack = stack;
        this.client = client;
        this.pools = JsonHttpClient.create(
                PoolsService.NAME, stack.endpoints().pools().toString(), TIMEOUT);
        this.world = world;
        this.leaves = leaves;
        this.eventIds = new SplittableRandom(world.seed());
    }

    StackClient client() {
        return client;
    }

    World world() {
        return world;
    }

    Answer createPool(PoolSpec spec) {
        return call(() -> {
            Pool pool = client.createPool(spec.name(), spec.capacity().orElse(null));
            world.poolCreated(spec.name(), pool.id(), spec.capacity());
        });
    }

    /** Puts a user in a pool through Pools directly, as the set-up does in bulk. */
    Answer addMember(String user, String pool) {
        return withPool(
                pool,
                poolId -> call(() -> {
                    Membership membership = pools.post(
                            "/pools/" + poolId + "/members",
                            Map.of("user_id", world.userId(user).toString()),
                            Membership.class);
                    client.history().joined(membership);
                    world.joined(user, pool);
                }));
    }

    /** The user joins a pool through User-Match, as a real client would. */
    Answer join(String user, String pool) {
        return withPool(
                pool,
                poolId -> call(() -> {
                    client.join(world.userId(user), poolId);
                    world.joined(user, pool);
                }));
    }

    Answer leave(String user) {
        return call(() -> {
            Instant requested = Instant.now();
            LeaveOutcome left = client.leave(world.userId(user));
            leaves.left(requested, left);
            String pool = world.poolName(left.poolId()).orElse(left.poolId().toString());
            world.left(user, pool, left.leftAt());
        });
    }

    /** The user joins again the pool they last left. */
    Answer rejoin(String user) {
        Optional<String> pool = world.lastLeftPool(user);
        if (pool.isEmpty()) {
            return Answer.skipped(user + " has not left a pool in this run, so there is none to rejoin");
        }
        return join(user, pool.get());
    }

    Answer createMatch(MatchHandle match) {
        return withPool(
                match.pool(),
                poolId -> call(() -> {
                    Match created =
                            client.createMatch(poolId, world.userId(match.userA()), world.userId(match.userB()));
                    match.created(created.id());
                }));
    }

    Answer decide(MatchHandle match, String user, Choice choice) {
        if (match.id().isEmpty()) {
            return Answer.skipped(match + " was never created, so " + user + " cannot decide on it");
        }
        return call(() -> {
            Match decided = client.decide(match.id().get(), world.userId(user), choice.wireName());
            match.decided(user, decided.status());
        });
    }

    /** Runs Matches' reconciliation sweep; {@code outcome} hears what it did. */
    Answer reconcile(Consumer<ReconcileOutcome> outcome) {
        return call(() -> outcome.accept(client.reconcile()));
    }

    Answer deletePool(String pool) {
        return withPool(
                pool,
                poolId -> call(() -> {
                    client.deletePool(poolId);
                    world.poolDeleted(pool);
                }));
    }

    /**
     * Publishes a message to the event topic by hand, {@code times} times: the same message, as a producer that
     * retried would.
     *
     * @return the Pub/Sub message ids
     */
    List<String> publish(PublishSpec spec, int times) {
        PubsubMessage message = message(spec);
        List<String> messageIds = new ArrayList<>();
        for (int time = 0; time < times; time++) {
            messageIds.add(stack.publishByHand(message));
        }
        return messageIds;
    }

    private PubsubMessage message(PublishSpec spec) {
        Map<String, String> fields = new LinkedHashMap<>();
        spec.fields().forEach((field, value) -> fields.put(field, resolve(value)));
        String data = spec.data().map(this::placeholders).orElseGet(() -> json(fields));
        Map<String, String> attributes = new LinkedHashMap<>();
        if (spec.attributes().standard()) {
            copy(fields, "event_type", attributes, EventCodec.ATTRIBUTE_EVENT_TYPE);
            copy(fields, "pool_id", attributes, EventCodec.ATTRIBUTE_POOL_ID);
            copy(fields, "user_id", attributes, EventCodec.ATTRIBUTE_USER_ID);
            attributes.put(EventCodec.ATTRIBUTE_VERSION, EventCodec.VERSION);
        }
        spec.attributes().explicit().forEach((name, value) -> attributes.put(name, placeholders(value)));
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
                .putAllAttributes(attributes)
                .build();
    }

    private String resolve(PublishSpec.Field field) {
        if (field instanceof PublishSpec.Literal literal) {
            return literal.text();
        } else if (field instanceof PublishSpec.UserId user) {
            return world.userId(user.user()).toString();
        } else if (field instanceof PublishSpec.PoolId pool) {
            return world.poolId(pool.pool()).map(UUID::toString).orElseGet(() -> unknownPoolId(pool.pool()));
        } else if (field instanceof PublishSpec.NewEventId) {
            return newEventId().toString();
        } else if (field instanceof PublishSpec.LastLeaveOf leave) {
            return world.lastLeftAt(leave.user())
                    .map(EventCodec::formatTimestamp)
                    .orElseThrow(() -> new IllegalStateException(
                            leave.user() + " has not left a pool in this run, so there is no last leave to stamp"));
        }
        return EventCodec.formatTimestamp(Instant.now());
    }

    /** A pool the runner never created (or already deleted) still gets an id in a message: one Pools never gave. */
    private String unknownPoolId(String pool) {
        return UUID.nameUUIDFromBytes(("matchflow-scenario/pool/" + pool).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private synchronized UUID newEventId() {
        long most = (eventIds.nextLong() & ~0xF000L) | 0x4000L;
        long least = (eventIds.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    private String placeholders(String text) {
        Matcher matcher = PublishSpec.PLACEHOLDER.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String id = matcher.group(1).equals("user")
                    ? world.userId(name).toString()
                    : world.poolId(name).map(UUID::toString).orElseGet(() -> unknownPoolId(name));
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(id));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static void copy(Map<String, String> from, String field, Map<String, String> to, String attribute) {
        Optional.ofNullable(from.get(field)).ifPresent(value -> to.put(attribute, value));
    }

    private static String json(Map<String, String> fields) {
        try {
            return Json.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the event's fields could not be written as JSON", e);
        }
    }

    private Answer withPool(String pool, Function<UUID, Answer> request) {
        return world.poolId(pool)
                .map(request)
                .orElseGet(
                        () -> Answer.skipped("pool " + pool + " does not exist: it was never created or is deleted"));
    }

    private static Answer call(Runnable request) {
        try {
            request.run();
            return Answer.OK;
        } catch (ServiceCallException e) {
            return Answer.of(e);
        }
    }
}
