package dev.matchflow.scenarios.language;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One value of a scenario file with its place in the file, read as the scenario language wants it. Every reading
 * that finds something else throws a {@link BadValue} that names the line and what was expected.
 */
final class YamlValue {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)");

    private final Node node;
    private final String file;

    YamlValue(Node node, String file) {
        this.node = node;
        this.file = file;
    }

    String file() {
        return file;
    }

    /** The line the value starts on, from 1. */
    int line() {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    BadValue bad(String message) {
        int column = node.getStartMark().map(Mark::getColumn).orElse(-1) + 1;
        return new BadValue(new Problem(file, line(), column, message));
    }

    boolean isScalar() {
        return node instanceof ScalarNode && !isNull();
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    /** The text of a scalar. */
    String text(String what) {
        if (!isScalar()) {
            throw bad("expected " + what + ", found " + kind());
        }
        return ((ScalarNode) node).getValue().strip();
    }

    /** The text of a scalar that must be one of {@code allowed}, ignoring case. */
    String oneOf(String what, List<String> allowed) {
        String value = text(what).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw bad(what + " '" + value + "' is not one of: " + String.join(", ", allowed)
                    + Suggestions.didYouMean(value, allowed));
        }
        return value;
    }

    YamlMap map(String what) {
        if (!isMap()) {
            throw bad("expected " + what + " as a mapping (key: value lines), found " + kind());
        }
        return new YamlMap(this, (MappingNode) node);
    }

    List<YamlValue> list(String what) {
        if (!isList()) {
            throw bad("expected " + what + " as a list (lines starting with '- '), found " + kind());
        }
        return ((SequenceNode) node)
                .getValue().stream().map(item -> new YamlValue(item, file)).toList();
    }

    /** A list, or one value standing for a list of one. */
    List<YamlValue> listOrOne(String what) {
        if (isNull()) {
            throw bad("expected " + what + ", found nothing");
        }
        return isList() ? list(what) : List.of(this);
    }

    long wholeNumber(String what, long min, long max) {
        String text = text(what).replace("_", "");
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad("expected " + what + " as a whole number, found '" + text + "'");
        }
        if (value < min || value > max) {
            throw bad(what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    double number(String what, double min, double max) {
        String text = text(what).replace("_", "");
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad("expected " + what + " as a number, found '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw bad(what + " " + text + " is outside " + min + ".." + max);
        }
        return value;
    }

    /** A duration such as {@code 250ms}, {@code 2s}, {@code 1.5m} or {@code 1h}. */
    Duration duration(String what) {
        String text = text(what);
        Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw bad("expected " + what + " as a duration with a unit (250ms, 2s, 1.5m, 1h), found '" + text + "'");
        }
        double amount = Double.parseDouble(matcher.group(1));
        double millis = switch (matcher.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m", "min" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /** The value as a boolean written {@code true}, {@code false}, {@code yes} or {@code no}. */
    boolean flag(String what) {
        return switch (oneOf(what, List.of("true", "false", "yes", "no"))) {
            case "true", "yes" -> true;
            default -> false;
        };
    }

    /** Empty for a value written as nothing or {@code ~}. */
    Optional<YamlValue> present() {
        return isNull() ? Optional.empty() : Optional.of(this);
    }

    private boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private String kind() {
        if (isNull()) {
            return "nothing";
        }
        if (isList()) {
            return "a list";
        }
        if (isMap()) {
            return "a mapping";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
