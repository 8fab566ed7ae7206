package dev.matchflow.scenarios.language;

import dev.matchflow.scenarios.language.Declarations.Kind;
import dev.matchflow.scenarios.language.MatchSpec.Choice;
import dev.matchflow.scenarios.language.MatchSpec.DecisionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the matches of the set-up and of match steps: one named match, or many at random. */
final class MatchReader {

    private static final List<String> NAMED_KEYS = List.of("name", "pool", "users", "status", "decisions");
    private static final List<String> RANDOM_KEYS = List.of("count", "pools", "accepted", "rejected");
    private static final int MOST_RANDOM_MATCHES = 10_000_000;

    private final Declarations names;

    MatchReader(Declarations names) {
        this.names = names;
    }

    MatchSpec read(YamlValue value) {
        YamlMap entry = value.map("a match (name, pool, users) or random matches (count, pools)");
        return entry.has("count") ? random(entry) : named(entry);
    }

    private MatchSpec.Named named(YamlMap entry) {
        entry.allowOnly("a match", NAMED_KEYS);
        String pool = names.one(Kind.POOL, entry.require("pool", "a match"));
        List<YamlValue> users = entry.require("users", "a match").list("the match's two users");
        if (users.size() != 2) {
            throw entry.require("users", "a match").bad("a match has two users, found " + users.size());
        }
        String userA = names.one(Kind.USER, users.get(0));
        String userB = names.one(Kind.USER, users.get(1));
        if (userA.equals(userB)) {
            throw users.get(1).bad("a match needs two different users, found " + userA + " twice");
        }
        List<DecisionSpec> decisions = decisions(entry, userA, userB);
        YamlValue name = entry.require("name", "a match");
        names.declare(Kind.MATCH, name.text("the match's name"), name);
        return new MatchSpec.Named(
                name.text("the match's name"),
                pool,
                userA,
                userB,
                decisions,
                entry.self().line());
    }

    private List<DecisionSpec> decisions(YamlMap entry, String userA, String userB) {
        if (entry.has("status") && entry.has("decisions")) {
            throw entry.key("decisions").bad("give a match either a status or its decisions, not both");
        }
        if (entry.has("status")) {
            return switch (entry.get("status")
                    .orElseThrow()
                    .oneOf("status", List.of("waiting", "accepted", "rejected"))) {
                case "accepted" ->
                    List.of(new DecisionSpec(userA, Choice.ACCEPT), new DecisionSpec(userB, Choice.ACCEPT));
                case "rejected" ->
                    List.of(new DecisionSpec(userA, Choice.ACCEPT), new DecisionSpec(userB, Choice.REJECT));
                default -> List.of();
            };
        }
        List<DecisionSpec> decisions = new ArrayList<>();
        if (entry.has("decisions")) {
            for (Map.Entry<String, YamlValue> decision :
                    entry.get("decisions").orElseThrow().map("decisions").entries()) {
                String user = decision.getKey();
                if (!user.equals(userA) && !user.equals(userB)) {
                    throw decision.getValue()
                            .bad("only the match's users (" + userA + " and " + userB + ") decide on it, found "
                                    + user);
                }
                Choice choice = decision.getValue()
                                .oneOf("a decision", List.of("accept", "reject"))
                                .equals("accept")
                        ? Choice.ACCEPT
                        : Choice.REJECT;
                decisions.add(new DecisionSpec(user, choice));
            }
        }
        return decisions;
    }

    private MatchSpec.Random random(YamlMap entry) {
        entry.allowOnly("random matches", RANDOM_KEYS);
        int count =
                (int) entry.require("count", "random matches").wholeNumber("the match count", 1, MOST_RANDOM_MATCHES);
        List<String> pools =
                entry.get("pools").map(value -> names.many(Kind.POOL, value)).orElseGet(() -> names.all(Kind.POOL));
        double accepted = entry.get("accepted")
                .map(value -> value.number("the accepted share", 0, 1))
                .orElse(0.0);
        double rejected = entry.get("rejected")
                .map(value -> value.number("the rejected share", 0, 1))
                .orElse(0.0);
        if (accepted + rejected > 1 + 1e-9) {
            throw entry.self()
                    .bad("accepted (" + accepted + ") and rejected (" + rejected + ") shares add up to more than 1");
        }
        if (pools.isEmpty()) {
            throw entry.self().bad("random matches need a pool, and none is declared");
        }
        return new MatchSpec.Random(
                count, pools, accepted, rejected, entry.self().line());
    }
}
