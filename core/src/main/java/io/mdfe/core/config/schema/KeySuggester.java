package io.mdfe.core.config.schema;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the known key closest to a mistyped one ("did you mean MODEL.HEAD.k?"), by edit distance
 * ignoring case; only keys close enough to be a plausible typo are suggested.
 */
final class KeySuggester {

    private KeySuggester() {
    }

    /** {@return the closest candidate within a typo's distance of {@code typed}, if any} */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        String lower = typed.toLowerCase();
        int limit = Math.max(2, typed.length() / 5);
        return candidates.stream()
                .map(c -> new Scored(c, distance(lower, c.toLowerCase())))
                .filter(s -> s.distance <= limit)
                .min(Comparator.comparingInt(Scored::distance))
                .map(Scored::candidate);
    }

    private record Scored(String candidate, int distance) {
    }

    /** Levenshtein distance with a two-row table. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
