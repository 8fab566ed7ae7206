package dev.matchflow.faults;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes faults as text ({@code matches slow 200ms jitter 50ms}) and as maps of names to values. */
final class FaultText {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    private static final String COMPONENT = "component";
    private static final String KIND = "kind";

    private FaultText() {}

    static Fault parse(String text) {
        List<String> words = List.of(text.strip().split("\\s+"));
        if (words.size() < 2 || words.get(0).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a fault; write a component and a kind of fault,"
                    + " such as 'matches down' or 'pubsub delay 2s'");
        }
        FaultComponent component = FaultComponent.named(words.get(0));
        FaultKind kind = kind(component, words.get(1));
        FaultParameters parameters = FaultParameters.UNSET;
        int next = 2;
        if (next < words.size()
                && kind.leadingParameter().isPresent()
                && FaultParameter.find(words.get(next)).isEmpty()) {
            parameters = set(parameters, kind.leadingParameter().get(), words.get(next));
            next++;
        }
        while (next < words.size()) {
            FaultParameter parameter = parameter(words.get(next), kind);
            if (parameter == FaultParameter.RESET) {
                parameters = parameters.withReset(true);
                next++;
                continue;
            }
            if (next + 1 >= words.size()) {
                throw new IllegalArgumentException(parameter.wireName() + " needs a value: " + parameter.expected());
            }
            parameters = set(parameters, parameter, words.get(next + 1));
            next += 2;
        }
        return new Fault(component, kind, parameters);
    }

    static Fault fromMap(Map<String, ?> map) {
        Object component = map.get(COMPONENT);
        Object kindName = map.get(KIND);
        if (component == null || kindName == null) {
            throw new IllegalArgumentException("a fault needs a 'component' and a 'kind'; got " + map.keySet());
        }
        FaultComponent target = FaultComponent.named(component.toString());
        FaultKind kind = kind(target, kindName.toString());
        FaultParameters parameters = FaultParameters.UNSET;
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            if (entry.getKey().equals(COMPONENT) || entry.getKey().equals(KIND) || entry.getValue() == null) {
                continue;
            }
            FaultParameter parameter = parameter(entry.getKey(), kind);
            parameters = set(parameters, parameter, entry.getValue().toString());
        }
        return new Fault(target, kind, parameters);
    }

    static String describe(Fault fault) {
        StringBuilder text = new StringBuilder(fault.component().wireName())
                .append(' ')
                .append(fault.kind().wireName());
        for (FaultParameter parameter : fault.kind().parameters()) {
            if (fault.parameters().isUnset(parameter)) {
                continue;
            }
            boolean named = fault.kind()
                    .leadingParameter()
                    .map(lead -> lead != parameter)
                    .orElse(true);
            if (named) {
                text.append(' ').append(parameter.wireName());
            }
            if (parameter != FaultParameter.RESET) {
                text.append(' ').append(value(fault.parameters(), parameter));
            }
        }
        return text.toString();
    }

    static Map<String, String> toMap(Fault fault) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(COMPONENT, fault.component().wireName());
        map.put(KIND, fault.kind().wireName());
        for (FaultParameter parameter : fault.kind().parameters()) {
            if (!fault.parameters().isUnset(parameter)) {
                map.put(parameter.wireName(), value(fault.parameters(), parameter));
            }
        }
        return map;
    }

    /** {@code 200ms}, {@code 2s}: whole seconds in seconds, anything else in milliseconds. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 && millis != 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** {@code 0.3}, {@code 30%}. */
    static double probability(String text) {
        String value = text.strip();
        try {
            if (value.endsWith("%")) {
                return Double.parseDouble(value.substring(0, value.length() - 1)) / 100;
            }
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "probability '" + text + "' is not " + FaultParameter.PROBABILITY.expected(), e);
        }
    }

    /** {@code 200ms}, {@code 2s}, {@code 1.5s}, {@code 1m}. */
    static Duration parseDuration(String name, String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a duration such as 200ms, 2s or 1m");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        BigDecimal millis = switch (matcher.group(2)) {
            case "ms" -> amount;
            case "s" -> amount.multiply(BigDecimal.valueOf(1_000));
            default -> amount.multiply(BigDecimal.valueOf(60_000));
        };
        return Duration.ofMillis(millis.longValue());
    }

    /** The kind a word names on the component, aliases included: {@code publish-outage} is Pub/Sub's down. */
    static FaultKind kind(FaultComponent component, String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("publish-outage") && component == FaultComponent.PUBSUB) {
            return FaultKind.DOWN;
        }
        if (wanted.equals("failing") && component == FaultComponent.FUNCTION) {
            return FaultKind.CRASH;
        }
        if (wanted.equals("failing") && component == FaultComponent.DATABASE) {
            return FaultKind.CLEANUP_ERROR;
        }
        return FaultKind.named(name);
    }

    private static FaultParameter parameter(String name, FaultKind kind) {
        return FaultParameter.find(name)
                .filter(parameter -> kind.parameters().contains(parameter))
                .orElseThrow(() -> new IllegalArgumentException("'" + kind.wireName() + "' takes no '" + name
                        + "'; it takes "
                        + kind.parameters().stream()
                                .map(FaultParameter::wireName)
                                .toList()));
    }

    private static FaultParameters set(FaultParameters parameters, FaultParameter parameter, String value) {
        return switch (parameter) {
            case PROBABILITY -> parameters.withProbability(probability(value));
            case LATENCY -> parameters.withLatency(parseDuration("latency", value));
            case JITTER -> parameters.withJitter(parseDuration("jitter", value));
            case STATUS -> parameters.withStatus(whole(parameter, value));
            case RESET -> parameters.withReset(flag(value));
            case DELAY -> parameters.withDelay(parseDuration("delay", value));
            case COPIES -> parameters.withCopies(whole(parameter, value));
            case WINDOW -> parameters.withWindow(parseDuration("window", value));
        };
    }

    private static String value(FaultParameters parameters, FaultParameter parameter) {
        return switch (parameter) {
            case PROBABILITY ->
                BigDecimal.valueOf(parameters.probability())
                        .stripTrailingZeros()
                        .toPlainString();
            case LATENCY -> duration(parameters.latency());
            case JITTER -> duration(parameters.jitter());
            case STATUS -> Integer.toString(parameters.status().orElseThrow());
            case RESET -> Boolean.toString(parameters.reset());
            case DELAY -> duration(parameters.delay());
            case COPIES -> Integer.toString(parameters.copies());
            case WINDOW -> duration(parameters.window());
        };
    }

    private static int whole(FaultParameter parameter, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    parameter.wireName() + " '" + value + "' is not " + parameter.expected(), e);
        }
    }

    private static boolean flag(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("reset '" + value + "' is neither true nor false");
        };
    }
}
