package io.mdfe.core.data.uned;

import java.util.Locale;

/**
 * The escaped form under which rp2k's non-ASCII file names may be stored. Upstream encodes the
 * name with Python's {@code unicode_escape} and replaces <code>&#92;u</code> by {@code #U} and
 * <code>&#92;x</code> by {@code #U00}; that codec writes lower-case hex, so each non-ASCII character
 * becomes {@code #U} plus four lower-case hex digits (eight above U+FFFF, as <code>&#92;U</code> has).
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
                out.append("#U").append(String.format(Locale.ROOT, c > 0xFFFF ? "%08x" : "%04x", c));
            }
        });
        return out.toString();
    }
}
