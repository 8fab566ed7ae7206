package dev.matchflow.scenarios.language;

import dev.matchflow.scenarios.language.Declarations.Kind;
import dev.matchflow.scenarios.language.MatchSpec.Choice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads a scenario's {@code steps}: each a mapping with one action, or the bare name of an action without one. */
final class StepReader {

    private static final List<String> ACTIONS = List.of(
            "join",
            "leave",
            "rejoin",
            "match",
            "accept",
            "reject",
            "delete_pool",
            "publish",
            "fault_on",
            "fault_off",
            "wait",
            "redrive",
            "reconcile",
            "churn",
            "check");
    private static final List<String> WITHOUT_VALUE = List.of("redrive", "reconcile");
    private static final List<String> ANSWERED =
            List.of("join", "leave", "rejoin", "match", "accept", "reject", "delete_pool", "reconcile");
    private static final List<String> ANSWERS = List.of("success", "refused", "failure", "any");
    private static final Duration DEFAULT_QUIET_WITHIN = Duration.ofSeconds(60);

    private final Declarations names;
    private final Problems problems;

    StepReader(Declarations names, Problems problems) {
        this.names = names;
        this.problems = problems;
    }

    List<Step> read(Optional<YamlValue> value) {
        List<Step> steps = new ArrayList<>();
        value.ifPresent(list -> problems.attempt(() -> list.list("the steps")
                .forEach(item -> problems.attempt(() -> step(item)).ifPresent(steps::add))));
        return steps;
    }

    private Step step(YamlValue item) {
        if (item.isScalar()) {
            String action = item.text("a step");
            if (WITHOUT_VALUE.contains(action)) {
                return action(action, item, ExpectedAnswer.SUCCESS, item.line());
            }
            throw item.bad("the step '" + action + "' needs a value, as in '" + action + ": ...'"
                    + Suggestions.didYouMean(action, ACTIONS));
        }
        YamlMap step = item.map("a step (action: what)");
        List<String> actions = step.present(ACTIONS);
        if (actions.size() != 1) {
            throw unclearAction(step, actions);
        }
        String action = actions.get(0);
        List<String> allowed = ANSWERED.contains(action) ? List.of(action, "expect") : List.of(action);
        step.allowOnly("a " + action + " step", allowed);
        ExpectedAnswer expected = step.get("expect").map(StepReader::answer).orElse(ExpectedAnswer.SUCCESS);
        if (WITHOUT_VALUE.contains(action)) {
            Optional<YamlValue> given = step.get(action);
            if (given.isPresent()) {
                throw given.get().bad("'" + action + "' takes no value; write '- " + action + "'");
            }
            return action(action, item, expected, item.line());
        }
        return action(action, step.require(action, "the step"), expected, item.line());
    }

    private static BadValue unclearAction(YamlMap step, List<String> actions) {
        if (actions.isEmpty()) {
            String first = step.keys().iterator().next();
            return step.key(first)
                    .bad("unknown step '" + first + "'; expected one of: " + String.join(", ", ACTIONS)
                            + Suggestions.didYouMean(first, ACTIONS));
        }
        return step.self()
                .bad("a step does one thing, found " + String.join(" and ", actions)
                        + "; put each in its own '- ' item");
    }

    private Step action(String action, YamlValue value, ExpectedAnswer expected, int line) {
        return switch (action) {
            case "join" -> join(value, expected, line);
            case "leave" -> new Step.Leave(names.many(Kind.USER, value), expected, line);
            case "rejoin" -> new Step.Rejoin(names.many(Kind.USER, value), expected, line);
            case "match" -> match(value, expected, line);
            case "accept" -> decide(value, Choice.ACCEPT, expected, line);
            case "reject" -> decide(value, Choice.REJECT, expected, line);
            case "delete_pool" -> new Step.DeletePool(names.many(Kind.POOL, value), expected, line);
            case "publish" -> new PublishReader(names).read(value, line);
            case "fault_on" -> new Step.FaultOn(FaultReader.fault(value), line);
            case "fault_off" -> new Step.FaultOff(FaultReader.faultsOff(value), line);
            case "redrive" -> new Step.Redrive(line);
            case "reconcile" -> new Step.Reconcile(expected, line);
            case "wait" -> waiting(value, line);
            case "churn" -> new Step.Churn(new ChurnReader(names).read(value), line);
            default -> new Step.Check(new ExpectationReader(names, problems).read(value), line);
        };
    }

    /** {@code {user: alice, pool: evening}}, or {@code users} and {@code pools} dealt out in turn. */
    private Step join(YamlValue value, ExpectedAnswer expected, int line) {
        YamlMap join = value.map("a join (user, pool)").allowOnly("a join", List.of("user", "users", "pool", "pools"));
        List<String> users = names.many(Kind.USER, either(join, "user", "users", "a join"));
        List<String> pools = names.many(Kind.POOL, either(join, "pool", "pools", "a join"));
        return new Step.Join(users, pools, expected, line);
    }

    private static YamlValue either(YamlMap map, String one, String many, String what) {
        if (map.has(one) && map.has(many)) {
            throw map.key(many).bad(what + " takes '" + one + "' or '" + many + "', not both");
        }
        return map.get(one).or(() -> map.get(many)).orElseThrow(() -> map.self().bad(what + " needs '" + one + "'"));
    }

    private Step match(YamlValue value, ExpectedAnswer expected, int line) {
        MatchReader reader = new MatchReader(names);
        List<MatchSpec> matches =
                value.listOrOne("matches").stream().map(reader::read).toList();
        return new Step.CreateMatches(matches, expected, line);
    }

    private Step decide(YamlValue value, Choice choice, ExpectedAnswer expected, int line) {
        String what = "an " + (choice == Choice.ACCEPT ? "accept" : "reject") + " (match, user)";
        YamlMap decide = value.map(what).allowOnly(what, List.of("match", "user"));
        String match = names.one(Kind.MATCH, decide.require("match", what));
        String user = names.one(Kind.USER, decide.require("user", what));
        return new Step.Decide(match, user, choice, expected, line);
    }

    /** {@code 2s}, {@code quiet}, or {@code {until: quiet, within: 2m}}. */
    private static Step waiting(YamlValue value, int line) {
        if (value.isMap()) {
            YamlMap wait = value.map("a wait").allowOnly("a wait", List.of("until", "within"));
            wait.require("until", "a wait").oneOf("what to wait for", List.of("quiet"));
            Duration within = wait.get("within")
                    .map(limit -> limit.duration("the longest wait"))
                    .orElse(DEFAULT_QUIET_WITHIN);
            return new Step.Wait(Optional.empty(), within, line);
        }
        String text = value.text("a duration or 'quiet'");
        if (text.equals("quiet") || text.equals("quiescence")) {
            return new Step.Wait(Optional.empty(), DEFAULT_QUIET_WITHIN, line);
        }
        return new Step.Wait(Optional.of(value.duration("the wait")), DEFAULT_QUIET_WITHIN, line);
    }

    /** {@code success}, {@code refused}, {@code failure}, {@code any}, or an HTTP status such as {@code 409}. */
    private static ExpectedAnswer answer(YamlValue value) {
        String text = value.text("the expected answer");
        if (text.matches("\\d{3}")) {
            return new ExpectedAnswer(ExpectedAnswer.Kind.STATUS, OptionalInt.of(Integer.parseInt(text)));
        }
        String kind = value.oneOf("the expected answer (or an HTTP status)", ANSWERS);
        return new ExpectedAnswer(
                ExpectedAnswer.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), OptionalInt.empty());
    }
}
