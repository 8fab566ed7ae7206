package dev.matchflow.scenarios.language;

import dev.matchflow.events.RejectionReason;
import dev.matchflow.invariants.Invariant;
import dev.matchflow.scenarios.language.Declarations.Kind;
import dev.matchflow.scenarios.language.Expectations.Bound;
import dev.matchflow.scenarios.language.Expectations.CountExpectation;
import dev.matchflow.scenarios.language.Expectations.Counted;
import dev.matchflow.scenarios.language.Expectations.InvariantExpectation;
import dev.matchflow.scenarios.language.Expectations.LatencyBound;
import dev.matchflow.scenarios.language.Expectations.MatchState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads expectations: the scenario's {@code expect}, and {@code check} steps. */
final class ExpectationReader {

    private static final List<String> STATUSES = List.of("waiting", "accepted", "rejected");
    private static final List<String> MATCH_STATES = List.of("gone", "waiting", "accepted", "rejected");
    private static final Map<String, Double> PERCENTILES = percentiles();

    private final Declarations names;
    private final Problems problems;

    ExpectationReader(Declarations names, Problems problems) {
        this.names = names;
        this.problems = problems;
    }

    /** The scenario's expectations: every invariant must hold unless it says otherwise. */
    Expectations readScenario(Optional<YamlValue> value) {
        return value.map(expect -> read(expect, InvariantExpectation.all(expect.line())))
                .orElseGet(Expectations::invariantsOnly);
    }

    /** A check step's expectations: invariants only when it names them. */
    Expectations read(YamlValue value) {
        return read(value, InvariantExpectation.none(value.line()));
    }

    private Expectations read(YamlValue value, InvariantExpectation byDefault) {
        YamlMap expect = value.map("expectations").allowOnly("the expectations", keys());
        InvariantExpectation invariants =
                expect.get("invariants").map(ExpectationReader::invariants).orElse(byDefault);
        List<CountExpectation> counts = new ArrayList<>();
        List<MatchState> matchStates = new ArrayList<>();
        for (Counted counted : Counted.values()) {
            expect.get(counted.id())
                    .ifPresent(entry -> problems.attempt(() -> counts(counted, entry, counts, matchStates)));
        }
        List<LatencyBound> latency =
                expect.get("leave_to_cleanup").map(ExpectationReader::latency).orElse(List.of());
        return new Expectations(invariants, counts, matchStates, latency);
    }

    private static List<String> keys() {
        return Stream.concat(
                        Stream.of("invariants", "leave_to_cleanup"),
                        Arrays.stream(Counted.values()).map(Counted::id))
                .toList();
    }

    /** {@code all}, {@code none}, a list of ids or numbers, or {@code {hold: ..., violated: ...}}. */
    private static InvariantExpectation invariants(YamlValue value) {
        if (value.isMap()) {
            YamlMap map = value.map("invariants").allowOnly("the invariants", List.of("hold", "violated"));
            Set<Invariant> violated =
                    map.get("violated").map(ExpectationReader::invariantSet).orElse(Set.of());
            Set<Invariant> hold = map.get("hold")
                    .map(ExpectationReader::invariantSet)
                    .orElseGet(() -> {
                        EnumSet<Invariant> rest = EnumSet.allOf(Invariant.class);
                        rest.removeAll(violated);
                        return rest;
                    });
            Optional<Invariant> both = hold.stream().filter(violated::contains).findFirst();
            if (both.isPresent()) {
                throw value.bad("invariant " + both.get().id() + " cannot both hold and be violated");
            }
            return new InvariantExpectation(hold, violated, value.line());
        }
        return new InvariantExpectation(invariantSet(value), Set.of(), value.line());
    }

    private static Set<Invariant> invariantSet(YamlValue value) {
        if (value.isScalar() && value.text("invariants").equals("all")) {
            return EnumSet.allOf(Invariant.class);
        }
        if (value.isScalar() && value.text("invariants").equals("none")) {
            return Set.of();
        }
        Set<Invariant> invariants = EnumSet.noneOf(Invariant.class);
        for (YamlValue item : value.listOrOne("invariants")) {
            String id = item.text("an invariant's name or number");
            List<String> known =
                    Arrays.stream(Invariant.values()).map(Invariant::id).toList();
            invariants.add(Invariant.find(id)
                    .orElseThrow(() -> item.bad("unknown invariant '" + id
                            + "'; expected all, none, a number from 1 to 6, or one of: " + String.join(", ", known)
                            + Suggestions.didYouMean(id, known))));
        }
        return invariants;
    }

    /** A bound alone, a mapping of filters and {@code count}, or a list of such mappings. */
    private void counts(Counted counted, YamlValue value, List<CountExpectation> counts, List<MatchState> states) {
        if (value.isScalar()) {
            counts.add(new CountExpectation(counted, Map.of(), bound(value), value.line()));
            return;
        }
        for (YamlValue item : value.listOrOne(counted.id())) {
            problems.attempt(() -> {
                YamlMap entry = item.map(counted.id() + " with filters and a count");
                if (counted == Counted.MATCHES && entry.has("match")) {
                    states.add(matchState(entry));
                } else {
                    counts.add(filteredCount(counted, entry));
                }
            });
        }
    }

    private MatchState matchState(YamlMap entry) {
        entry.allowOnly("a match's state", List.of("match", "is"));
        String match = names.one(Kind.MATCH, entry.require("match", "a match's state"));
        String state = entry.require("is", "a match's state").oneOf("what the match is", MATCH_STATES);
        return new MatchState(match, state, entry.self().line());
    }

    private CountExpectation filteredCount(Counted counted, YamlMap entry) {
        List<String> allowed = new ArrayList<>(counted.filters());
        allowed.add("count");
        entry.allowOnly(counted.id(), allowed);
        Map<String, String> filters = new LinkedHashMap<>();
        for (String filter : counted.filters()) {
            entry.get(filter).ifPresent(value -> filters.put(filter, filterValue(filter, value)));
        }
        return new CountExpectation(
                counted,
                filters,
                bound(entry.require("count", counted.id())),
                entry.self().line());
    }

    private String filterValue(String filter, YamlValue value) {
        return switch (filter) {
            case "user" -> names.one(Kind.USER, value);
            case "pool" -> names.one(Kind.POOL, value);
            case "match" -> names.one(Kind.MATCH, value);
            case "status" -> value.oneOf("the status", STATUSES);
            default ->
                value.oneOf(
                        "the rejection reason",
                        Arrays.stream(RejectionReason.values())
                                .map(RejectionReason::code)
                                .toList());
        };
    }

    /** {@code 3}, {@code exactly 3}, {@code at least 3}, {@code more than 0}, {@code at most 3}, {@code fewer than 3}. */
    static Bound bound(YamlValue value) {
        String text = value.text("a count").replaceAll("\\s+", " ");
        for (Bound.Comparison comparison : Bound.Comparison.values()) {
            String words = comparison.words() + " ";
            if (text.startsWith(words)) {
                return new Bound(comparison, number(value, text.substring(words.length())));
            }
        }
        return new Bound(Bound.Comparison.EXACTLY, number(value, text));
    }

    private static long number(YamlValue value, String text) {
        try {
            long count = Long.parseLong(text.strip().replace("_", "").replace(",", ""));
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below with what a count looks like.
        }
        throw value.bad("expected a count such as 3, 'at least 3', 'more than 0', 'at most 3', 'fewer than 3' or"
                + " 'exactly 3', found '" + value.text("a count") + "'");
    }

    /** {@code {p50: 500ms, p99: 2s, max: 5s}}: upper bounds. */
    private static List<LatencyBound> latency(YamlValue value) {
        YamlMap bounds = value.map("leave-to-cleanup bounds (p50, p90, p95, p99, max)")
                .allowOnly("leave_to_cleanup", List.copyOf(PERCENTILES.keySet()));
        List<LatencyBound> latency = new ArrayList<>();
        for (Map.Entry<String, YamlValue> bound : bounds.entries()) {
            latency.add(new LatencyBound(
                    bound.getKey(),
                    PERCENTILES.get(bound.getKey()),
                    bound.getValue().duration("the " + bound.getKey() + " bound"),
                    bound.getValue().line()));
        }
        return latency;
    }

    private static Map<String, Double> percentiles() {
        Map<String, Double> percentiles = new LinkedHashMap<>();
        percentiles.put("p50", 0.50);
        percentiles.put("p90", 0.90);
        percentiles.put("p95", 0.95);
        percentiles.put("p99", 0.99);
        percentiles.put("max", 1.0);
        return percentiles;
    }
}
