package io.mdfe.core.data.uned;

import java.util.Locale;

/**
 * The escaped form under which rp2k's non-ASCII file names may be stored: each non-ASCII
 * character becomes {@code #U} plus its code point in upper-case hex, at least four digits
 * (Python's <code>&#92;uXXXX</code> becomes {@code #UXXXX}, <code>&#92;xXX</code> becomes {@code #U00XX}).
 */
final class EscapedNames {

    private EscapedNames() {}

    /** {@return true when every character of {@code name} is ASCII} */
    static boolean isAscii(String name) {
        return name.chars().allMatch(c -> c < 0x80);
    }

    /** {@return {@code name} with every non-ASCII character escaped} */
    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length() * 2);
        name.codePoints().forEach(c -> {
            if (c < 0x80) {
                out.appendCodePoint(c);
            } else {
                out.append("#U").append(String.format(Locale.ROOT, "%04X", c));
            }
        });
        return out.toString();
    }
}
