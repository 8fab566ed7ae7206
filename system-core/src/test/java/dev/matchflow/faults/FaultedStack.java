package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.http.TestHttp;
import dev.matchflow.invariants.InvariantChecker;
import dev.matchflow.invariants.InvariantResult;
import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.SystemStack;
import dev.matchflow.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stack for a test of what the system does under faults: started on the test's database with the subscription's
 * backoff a hundred times faster (10 s becomes 100 ms, so five attempts end within two seconds), driven through its
 * public APIs, and checked against every invariant at the end.
 */
final class FaultedStack implements AutoCloseable {

    static final Duration QUIET_WITHIN = Duration.ofSeconds(60);
    static final double TIME_SCALE = 100;

    private final SystemStack stack;
    private final StackClient client;

    private FaultedStack(SystemStack stack) {
        this.stack = stack;
        this.client = StackClient.of(stack);
    }

    static FaultedStack on(TestDatabase database) {
        return on(database, UnaryOperator.identity());
    }

    static FaultedStack on(TestDatabase database, UnaryOperator<StackSettings> adjust) {
        DatabaseSettings settings = DatabaseSettings.of(database.jdbcUrl(), database.user(), database.password());
        return new FaultedStack(SystemStack.start(
                adjust.apply(StackSettings.defaults().withDatabase(settings).withTimeScale(TIME_SCALE))));
    }

    static FaultedStack inMemory(UnaryOperator<StackSettings> adjust) {
        return new FaultedStack(
                SystemStack.start(adjust.apply(StackSettings.defaults().withTimeScale(TIME_SCALE))));
    }

    SystemStack stack() {
        return stack;
    }

    StackClient client() {
        return client;
    }

    Faults faults() {
        return stack.faults();
    }

    Pool poolWith(UUID... members) {
        Pool pool = client.createPool("pool-" + UUID.randomUUID(), null);
        for (UUID member : members) {
            client.join(member, pool.id());
        }
        return pool;
    }

    Match accepted(UUID poolId, UUID userA, UUID userB) {
        Match match = client.createMatch(poolId, userA, userB);
        client.decide(match.id(), userA, "accept");
        return client.decide(match.id(), userB, "accept");
    }

    Match rejected(UUID poolId, UUID userA, UUID userB) {
        Match match = client.createMatch(poolId, userA, userB);
        client.decide(match.id(), userA, "accept");
        return client.decide(match.id(), userB, "reject");
    }

    void awaitQuiescence() throws TimeoutException, InterruptedException {
        stack.awaitQuiescence(QUIET_WITHIN);
    }

    StackSnapshot snapshot() {
        return stack.snapshot();
    }

    /** The hops of the flow feed with this action. */
    List<FlowEvent> hops(String action) {
        return stack.flow().recent().stream()
                .filter(event -> event.action().equals(action))
                .toList();
    }

    /** A figure of the stack's own {@code /metrics}: the function, the trigger, Pub/Sub and the faults. */
    double stackMetric(String series) {
        return metric(stack.endpoints().stack(), series);
    }

    /** A figure of Matches' {@code /metrics}. */
    double matchesMetric(String series) {
        return metric(stack.endpoints().matches(), series);
    }

    void assertEveryInvariantHolds() {
        List<InvariantResult> results = InvariantChecker.check(stack.snapshot(), client.history());
        assertThat(results)
                .allSatisfy(result -> assertThat(result.holds())
                        .as(result.invariant().statement() + " " + result.summary())
                        .isTrue());
    }

    @Override
    public void close() {
        stack.close();
    }

    /**
     * The value of a series on a Prometheus page, for example {@code cleanup_events_rejected_total{reason="not_json"}};
     * 0 when the page has no such series yet.
     */
    private static double metric(URI base, String series) {
        String page = TestHttp.get(base + "/metrics").body();
        Matcher line =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(page);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
