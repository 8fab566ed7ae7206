package dev.matchflow.scenarios.language;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** How names of users, pools and matches are written, matched by patterns, and summed up in labels. */
public final class Names {

    /** A name: letters, digits, {@code _}, {@code .} and {@code -}, starting with a letter or digit. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private static final int LISTED_IN_FULL = 3;

    private Names() {}

    /** True when {@code text} is a pattern ({@code player-*}) rather than one name. */
    static boolean isPattern(String text) {
        return text.contains("*");
    }

    /** The names of {@code known} that the pattern matches, in their order; {@code *} stands for any characters. */
    static List<String> matching(String pattern, List<String> known) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        Pattern compiled = Pattern.compile(regex.toString());
        return known.stream().filter(name -> compiled.matcher(name).matches()).toList();
    }

    /** {@code alice}, {@code alice and bob}, or {@code player-1 .. player-500 (500)} for long lists. */
    public static String summary(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() <= LISTED_IN_FULL) {
            return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
        return String.format(Locale.ROOT, "%s .. %s (%,d)", names.get(0), names.get(names.size() - 1), names.size());
    }

    /** {@code 3.5ms}, {@code 250ms}, {@code 2s}, {@code 1.5s} or {@code 2m}. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.1fms", duration.toNanos() / 1e6);
        }
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 120_000) {
            return (millis % 1_000 == 0
                            ? Long.toString(millis / 1_000)
                            : String.format(Locale.ROOT, "%.1f", millis / 1e3))
                    + "s";
        }
        return String.format(Locale.ROOT, "%.1fm", millis / 60_000.0).replace(".0m", "m");
    }
}
