package dev.matchflow.matches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.db.Database;
import dev.matchflow.db.TestDatabases;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.http.TestHttp;
import dev.matchflow.observability.SpanAttributes;
import dev.matchflow.observability.Telemetry;
import dev.matchflow.pools.PoolsClient;
import dev.matchflow.pools.PoolsService;
import dev.matchflow.security.SharedSecretVerifier;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Matches and Pools traced by one in-process telemetry, as the simulator runs them. */
class MatchesTracingTest {

    private static final String CREATE_MATCH = "POST /matches";
    private static final String MEMBERSHIP = "GET /pools/members/{user_id}";

    private final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @DatabaseTest
    void creatingAMatchIsOneTraceThroughMatchesItsCallsToPoolsAndPools(TestDatabase testDatabase) {
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        try (Telemetry telemetry = Telemetry.inProcess("matchflow");
                Database database = TestDatabases.open(testDatabase);
                ApiServer pools = PoolsService.start(database, traced(telemetry));
                ApiServer matches = startMatches(database, pools, telemetry)) {
            telemetry.spans().subscribe(spans::add);
            UUID poolId = givenPoolWith(pools, ann, bob);

            TestHttp.Answer created = TestHttp.post(
                    matches.url() + "/matches",
                    "{\"pool_id\":\"" + poolId + "\",\"user_a_id\":\"" + ann + "\",\"user_b_id\":\"" + bob + "\"}");

            assertThat(created.status()).isEqualTo(201);
            SpanData matchesSpan = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> spanNamed(CREATE_MATCH),
                            span -> span != null && traceOf(span).size() == 5);
            List<SpanData> trace = traceOf(matchesSpan);
            List<SpanData> calls = spansOf(trace, "GET pools");
            List<SpanData> membershipChecks = spansOf(trace, MEMBERSHIP);
            assertThat(matchesSpan.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(matchesSpan.getInstrumentationScopeInfo().getName()).isEqualTo("dev.matchflow.matches");
            assertThat(calls)
                    .hasSize(2)
                    .allSatisfy(call -> assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT))
                    .allSatisfy(call -> assertThat(call.getParentSpanId()).isEqualTo(matchesSpan.getSpanId()));
            assertThat(membershipChecks)
                    .hasSize(2)
                    .allSatisfy(check -> assertThat(
                                    check.getInstrumentationScopeInfo().getName())
                            .isEqualTo("dev.matchflow.pools"));
            assertThat(membershipChecks)
                    .extracting(SpanData::getParentSpanId)
                    .containsExactlyInAnyOrderElementsOf(
                            calls.stream().map(SpanData::getSpanId).collect(Collectors.toList()));
            assertThat(membershipChecks)
                    .extracting(check -> check.getAttributes().get(SpanAttributes.USER_ID))
                    .containsExactlyInAnyOrder(ann.toString(), bob.toString());
        }
    }

    private static HttpSettings traced(Telemetry telemetry) {
        return HttpSettings.loopback().withOpenTelemetry(telemetry.openTelemetry());
    }

    private static ApiServer startMatches(Database database, ApiServer pools, Telemetry telemetry) {
        PoolsClient poolsClient = PoolsClient.create(pools.url()).withOpenTelemetry(telemetry.openTelemetry());
        SharedSecretVerifier verifier = new SharedSecretVerifier(SharedSecretVerifier.randomSecret());
        return MatchesService.start(database, traced(telemetry), poolsClient, verifier);
    }

    private static UUID givenPoolWith(ApiServer pools, UUID... members) {
        TestHttp.Answer pool = TestHttp.post(pools.url() + "/pools", "{\"name\":\"traced\"}");
        UUID poolId = UUID.fromString(pool.json().path("id").asText());
        for (UUID member : members) {
            TestHttp.post(pools.url() + "/pools/" + poolId + "/members", "{\"user_id\":\"" + member + "\"}");
        }
        return poolId;
    }

    private SpanData spanNamed(String name) {
        return spans.stream()
                .filter(span -> span.getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    private List<SpanData> traceOf(SpanData member) {
        return spans.stream()
                .filter(span -> span.getTraceId().equals(member.getTraceId()))
                .collect(Collectors.toList());
    }

    private static List<SpanData> spansOf(List<SpanData> trace, String name) {
        return trace.stream().filter(span -> span.getName().equals(name)).collect(Collectors.toList());
    }
}
