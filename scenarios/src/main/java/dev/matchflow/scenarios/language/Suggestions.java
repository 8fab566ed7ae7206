package dev.matchflow.scenarios.language;

import java.util.Collection;
import java.util.Comparator;

/** The "did you mean" of an error about a misspelt word. */
final class Suggestions {

    private static final int MOST_EDITS = 2;

    private Suggestions() {}

    /** {@code " (did you mean 'leave'?)"} when one of {@code known} is within two edits of {@code word}, else empty. */
    static String didYouMean(String word, Collection<String> known) {
        return known.stream()
                .filter(candidate -> distance(word, candidate) <= MOST_EDITS)
                .min(Comparator.comparingInt(candidate -> distance(word, candidate)))
                .map(candidate -> " (did you mean '" + candidate + "'?)")
                .orElse("");
    }

    /** The Levenshtein distance: how many single-character edits turn one word into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
