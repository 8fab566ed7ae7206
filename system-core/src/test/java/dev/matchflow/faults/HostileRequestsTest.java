package dev.matchflow.faults;

import static dev.matchflow.faults.HostileMessages.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.http.TestHttp;
import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackEndpoints;
import dev.matchflow.stack.StackSnapshot;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Hostile ids and bodies through every HTTP endpoint of the three services: ids that are not UUIDs (path traversal,
 * SQL, unicode, {@code test-pool}), bodies that are not JSON, of the wrong type, too large or of the wrong content
 * type, and tokens that are missing or wrong. Each answers a 4xx JSON error with a code and a message, never a 5xx or
 * a stack trace, and the state of the system stays as it was.
 */
class HostileRequestsTest {

    /** Larger than every service's body limit. */
    private static final String HUGE_BODY = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    private static final List<String> HOSTILE_BODIES = List.of(
            "",
            "{",
            "not json",
            "[]",
            "null",
            "42",
            "\"text\"",
            "{\"a\":{\"a\":{\"a\":[]}}}",
            "[".repeat(10_000),
            "{\"pool_id\":\"x\",\"pool_id\":\"y\"}",
            "\uFEFF{\"\u0000\":\"\uD83D\"}",
            HUGE_BODY);

    private static final List<String> WRONG_TOKENS =
            List.of("", "Bearer", "Bearer ", "Bearer not-the-token", "Basic dXNlcjpwYXNz", "Bearer ' OR '1'='1");

    /** Matches takes a Pub/Sub message id as an event id too, so ids of this shape are valid event ids. */
    private static final Pattern MESSAGE_ID_SHAPED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final List<Sent> sent = new ArrayList<>();

    @Test
    void everyEndpointAnswersHostileInputWithA4xxJsonErrorAndChangesNothing() throws Exception {
        try (FaultedStack system = FaultedStack.inMemory(settings -> settings)) {
            UUID member = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            Pool pool = system.poolWith(member, other);
            Match match = system.client().createMatch(pool.id(), member, other);
            system.client().decide(match.id(), member, "accept");
            system.awaitQuiescence();
            StackSnapshot before = system.snapshot();
            Given given = new Given(system.stack().endpoints(), system.stack().internalToken(), pool, member, match);

            sendHostileIds(given);
            sendHostileBodies(given);
            sendWrongTokens(given);
            sendToRoutesNobodyOffers(given);
            system.awaitQuiescence();

            assertThat(sent.stream().filter(request -> !request.answeredA4xxJsonError()))
                    .as("requests not answered with a 4xx JSON error of a code and a message")
                    .isEmpty();
            assertThat(sent).hasSizeGreaterThan(500);
            assertStateUnchanged(before, system.snapshot());
            system.assertEveryInvariantHolds();
        }
    }

    /** Each id of each path, and each id of each body, replaced by one hostile id at a time. */
    private void sendHostileIds(Given given) {
        for (String id : HostileMessages.HOSTILE_IDS) {
            if (id.isEmpty()) {
                continue;
            }
            String path = segment(id);
            String pools = given.endpoints().pools().toString();
            String matches = given.endpoints().matches().toString();
            String users = given.endpoints().userMatch().toString();
            send("GET", pools + "/pools/" + path, "");
            send("DELETE", pools + "/pools/" + path, "");
            send("GET", pools + "/pools/" + path + "/members", "");
            send("POST", pools + "/pools/" + path + "/members", "{\"user_id\":\"" + UUID.randomUUID() + "\"}");
            send("POST", pools + "/pools/" + given.pool().id() + "/members", body("user_id", id));
            send("GET", pools + "/pools/members/" + path, "");
            send("DELETE", pools + "/pools/members/" + path, "");
            send("GET", matches + "/matches/" + path, "");
            send("GET", matches + "/matches?pool_id=" + query(id), "");
            send("GET", matches + "/matches?user_id=" + query(id), "");
            send("GET", matches + "/matches?status=" + query(id), "");
            send("POST", matches + "/matches/" + path + "/decisions", decision(given.member(), "reject"));
            send("POST", matches + "/matches/" + given.match().id() + "/decisions", decision(id, "reject"));
            send("POST", matches + "/matches/" + given.match().id() + "/decisions", decision(given.member(), id));
            send(
                    "POST",
                    matches + "/matches",
                    newMatch(id, given.member().toString(), UUID.randomUUID().toString()));
            send(
                    "POST",
                    matches + "/matches",
                    newMatch(given.pool().id().toString(), id, given.member().toString()));
            send(
                    "POST",
                    matches + "/matches",
                    newMatch(given.pool().id().toString(), given.member().toString(), id));
            sendInternal(
                    given,
                    "/matches/internal/cleanup/user/" + path + "/pool/"
                            + given.pool().id());
            sendInternal(given, "/matches/internal/cleanup/user/" + given.member() + "/pool/" + path);
            sendInternal(given, "/matches/internal/cleanup/pool/" + path);
            sendInternal(given, cleanupOfTheMember(given) + "?left_at=" + query(id));
            if (!MESSAGE_ID_SHAPED.matcher(id).matches()) {
                sendInternal(given, cleanupOfTheMember(given) + "?event_id=" + query(id));
            }
            send("GET", users + "/users/" + path + "/pool", "");
            send("DELETE", users + "/users/" + path + "/pool", "");
            send(
                    "POST",
                    users + "/users/" + path + "/pool",
                    body("pool_id", given.pool().id().toString()));
            send("POST", users + "/users/" + UUID.randomUUID() + "/pool", body("pool_id", id));
        }
        send("GET", given.endpoints().pools() + "/pools/../../etc/passwd", "");
        send("GET", given.endpoints().matches() + "/matches/..%2F..%2Fetc%2Fpasswd", "");
    }

    /** Each body that is not what the endpoint reads, as JSON and under other content types. */
    private void sendHostileBodies(Given given) {
        List<String> endpoints = List.of(
                given.endpoints().pools() + "/pools",
                given.endpoints().pools() + "/pools/" + given.pool().id() + "/members",
                given.endpoints().matches() + "/matches",
                given.endpoints().matches() + "/matches/" + given.match().id() + "/decisions",
                given.endpoints().userMatch() + "/users/" + UUID.randomUUID() + "/pool");
        for (String endpoint : endpoints) {
            for (String body : HOSTILE_BODIES) {
                send("POST", endpoint, body);
            }
            send("POST", endpoint, "<pool><name>x</name></pool>", Map.of("Content-Type", "application/xml"));
            send("POST", endpoint, "name=x&capacity=2", Map.of("Content-Type", "application/x-www-form-urlencoded"));
            send("POST", endpoint, "{\"name\":", Map.of("Content-Type", "text/plain"));
        }
        send("POST", given.endpoints().pools() + "/pools", "{\"name\":\"p\",\"capacity\":-1}");
        send("POST", given.endpoints().pools() + "/pools", "{\"name\":\"p\",\"capacity\":\"many\"}");
        send("POST", given.endpoints().pools() + "/pools", "{\"name\":\"\"}");
    }

    /** The internal endpoints, and the public services that must not lead to them, with tokens that are not it. */
    private void sendWrongTokens(Given given) {
        List<String> internal = List.of(
                "DELETE " + given.endpoints().matches() + cleanupOfTheMember(given),
                "DELETE " + given.endpoints().matches() + "/matches/internal/cleanup/pool/"
                        + given.pool().id(),
                "POST " + given.endpoints().matches() + "/matches/internal/reconcile",
                "POST " + given.endpoints().userMatch() + "/matches/internal/reconcile",
                "DELETE " + given.endpoints().userMatch() + cleanupOfTheMember(given),
                "POST " + given.endpoints().pools() + "/matches/internal/reconcile");
        for (String request : internal) {
            String[] methodAndUrl = request.split(" ", 2);
            for (String token : WRONG_TOKENS) {
                Map<String, String> headers = token.isEmpty() ? Map.of() : Map.of("Authorization", token);
                send(methodAndUrl[0], methodAndUrl[1], "", headers);
            }
        }
        send(
                "POST",
                given.endpoints().userMatch() + "/matches/internal/reconcile",
                "",
                Map.of("Authorization", "Bearer " + given.token()));
    }

    private void sendToRoutesNobodyOffers(Given given) {
        send("PUT", given.endpoints().pools() + "/pools/" + given.pool().id(), "{\"name\":\"renamed\"}");
        send("PATCH", given.endpoints().matches() + "/matches/" + given.match().id(), "{\"status\":\"accepted\"}");
        send("DELETE", given.endpoints().matches() + "/matches/" + given.match().id(), "");
        send("GET", given.endpoints().userMatch() + "/users", "");
        send("GET", given.endpoints().userMatch() + "/pools/" + given.pool().id(), "");
    }

    private void sendInternal(Given given, String path) {
        send("DELETE", given.endpoints().matches() + path, "", Map.of("Authorization", "Bearer " + given.token()));
    }

    private void send(String method, String url, String body) {
        send(method, url, body, Map.of());
    }

    private void send(String method, String url, String body, Map<String, String> headers) {
        TestHttp.Answer answer = TestHttp.send(method, url, BodyPublishers.ofString(body), headers);
        sent.add(new Sent(method, url, body, answer));
    }

    private static void assertStateUnchanged(StackSnapshot before, StackSnapshot after) {
        assertThat(after.pools()).isEqualTo(before.pools());
        assertThat(after.members()).isEqualTo(before.members());
        assertThat(after.matches()).isEqualTo(before.matches());
        assertThat(after.decisions()).isEqualTo(before.decisions());
        assertThat(after.cleanups()).isEqualTo(before.cleanups());
        assertThat(after.outbox()).isEqualTo(before.outbox());
    }

    private static String cleanupOfTheMember(Given given) {
        return "/matches/internal/cleanup/user/" + given.member() + "/pool/"
                + given.pool().id();
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static String body(String field, String value) {
        return "{\"" + field + "\":\"" + json(value) + "\"}";
    }

    private static String decision(Object userId, String decision) {
        return "{\"user_id\":\"" + json(userId.toString()) + "\",\"decision\":\"" + json(decision) + "\"}";
    }

    private static String newMatch(String poolId, String userA, String userB) {
        return "{\"pool_id\":\"" + json(poolId) + "\",\"user_a_id\":\"" + json(userA) + "\",\"user_b_id\":\""
                + json(userB) + "\"}";
    }

    /** What the hostile requests are aimed at: a pool with a member, and the member's match. */
    private record Given(StackEndpoints endpoints, String token, Pool pool, UUID member, Match match) {}

    /** A request sent and its answer. */
    private record Sent(String method, String url, String body, TestHttp.Answer answer) {

        boolean answeredA4xxJsonError() {
            return answer.status() >= 400
                    && answer.status() < 500
                    && answer.headers().getOrDefault("Content-Type", "").startsWith("application/json")
                    && !answer.body().contains("Exception")
                    && !answer.errorCode().isBlank()
                    && !answer.errorMessage().isBlank();
        }

        @Override
        public String toString() {
            String shownBody = body.length() > 80 ? body.substring(0, 80) + "..." : body;
            return method + " " + url + " " + shownBody + " -> " + answer.status() + " " + abbreviated(answer.body());
        }

        private static String abbreviated(String text) {
            return text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }
    }
}
