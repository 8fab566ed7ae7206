package dev.matchflow.scenarios.language;

import dev.matchflow.scenarios.language.ChurnSpec.Operation;
import dev.matchflow.scenarios.language.Declarations.Kind;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads a {@code churn} step. */
final class ChurnReader {

    private static final List<String> KEYS =
            List.of("users", "pools", "operations", "duration", "rate", "concurrency", "mix", "faults");
    private static final List<String> OPERATIONS =
            Arrays.stream(Operation.values()).map(Operation::id).toList();
    private static final int DEFAULT_CONCURRENCY = 16;
    private static final int MOST_CONCURRENCY = 256;
    private static final double ROUNDING = 1e-6;

    private final Declarations names;

    ChurnReader(Declarations names) {
        this.names = names;
    }

    ChurnSpec read(YamlValue value) {
        YamlMap churn = value.map("a churn").allowOnly("a churn", KEYS);
        List<String> users =
                churn.get("users").map(list -> names.many(Kind.USER, list)).orElseGet(() -> names.all(Kind.USER));
        List<String> pools =
                churn.get("pools").map(list -> names.many(Kind.POOL, list)).orElseGet(() -> names.all(Kind.POOL));
        if (users.size() < 2 || pools.isEmpty()) {
            throw churn.self()
                    .bad("a churn needs at least two users and one pool; found " + users.size() + " users and "
                            + pools.size() + " pools");
        }
        if (churn.has("operations") == churn.has("duration")) {
            throw churn.self().bad("a churn runs for a number of 'operations' or for a 'duration': give one of them");
        }
        Optional<Integer> operations =
                churn.get("operations").map(count -> (int) count.wholeNumber("the operations", 1, Integer.MAX_VALUE));
        Optional<Duration> duration = churn.get("duration").map(time -> time.duration("the churn's duration"));
        int concurrency = churn.get("concurrency")
                .map(count -> (int) count.wholeNumber("the concurrency", 1, MOST_CONCURRENCY))
                .orElse(DEFAULT_CONCURRENCY);
        Map<Operation, Double> mix = mix(churn.require("mix", "a churn"));
        List<ChurnSpec.FaultWindow> faults = churn.get("faults")
                .map(list -> list.list("the faults that switch on and off").stream()
                        .map(FaultReader::window)
                        .toList())
                .orElse(List.of());
        return new ChurnSpec(users, pools, operations, duration, rate(churn), concurrency, mix, faults);
    }

    /** {@code 500}, {@code 500/s} or {@code 3000/min}; left out for as fast as possible. */
    private static OptionalDouble rate(YamlMap churn) {
        Optional<YamlValue> value = churn.get("rate");
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        String text = value.get().text("the rate").toLowerCase(Locale.ROOT).replace(" ", "");
        double perUnit = text.endsWith("/min") ? 60 : 1;
        String number = text.replaceAll("/(s|min)$", "");
        try {
            double rate = Double.parseDouble(number) / perUnit;
            if (rate > 0 && Double.isFinite(rate)) {
                return OptionalDouble.of(rate);
            }
        } catch (NumberFormatException e) {
            // Reported below with what a rate looks like.
        }
        throw value.get()
                .bad("expected the rate as operations per second (500, 500/s or 3000/min), found '" + text + "'");
    }

    private static Map<Operation, Double> mix(YamlValue value) {
        YamlMap mix = value.map("the mix (operation: probability)").allowOnly("the mix", OPERATIONS);
        Map<Operation, Double> probabilities = new EnumMap<>(Operation.class);
        for (Map.Entry<String, YamlValue> entry : mix.entries()) {
            double probability = entry.getValue().number("the probability of " + entry.getKey(), 0, 1);
            probabilities.put(Operation.valueOf(entry.getKey().toUpperCase(Locale.ROOT)), probability);
        }
        double total =
                probabilities.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(total - 1) > ROUNDING) {
            throw value.bad(
                    String.format(Locale.ROOT, "the mix's probabilities add up to %.3f; they must add up to 1", total));
        }
        return probabilities;
    }
}
