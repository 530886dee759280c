package io.mdfe.core.config.binding;

import io.mdfe.core.config.schema.ValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a flat {@code path -> value} map as nested yacs-style YAML, the way upstream files look:
 * upper-case sections, {@code True}/{@code False}, flow-style lists. Strings are quoted only when
 * YAML would otherwise read them as something else. Keys of one section must be contiguous.
 */
public final class YamlWriter {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./-]*");
    private static final Pattern YAML11_WORDS = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null|none");
    private static final String INDENT = "  ";

    private YamlWriter() {
    }

    /**
     * @param values every value by full path, sections contiguous
     * @param header comment lines written first (without the leading '#')
     * @return YAML text that {@link YamlTreeReader} reads back to the same values
     */
    public static String write(Map<String, Object> values, List<String> header) {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append("# ").append(line).append('\n'));
        String[] open = new String[0];
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String[] parts = entry.getKey().split("\\.");
            int sectionDepth = parts.length - 1;
            int shared = 0;
            while (shared < Math.min(open.length, sectionDepth) && open[shared].equals(parts[shared])) {
                shared++;
            }
            for (int depth = shared; depth < sectionDepth; depth++) {
                out.append(INDENT.repeat(depth)).append(parts[depth]).append(":\n");
            }
            open = Arrays.copyOf(parts, sectionDepth);
            out.append(INDENT.repeat(sectionDepth)).append(parts[sectionDepth]).append(": ")
                    .append(scalarOrList(entry.getValue())).append('\n');
        }
        return out.toString();
    }

    private static String scalarOrList(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(YamlWriter::scalar).collect(Collectors.joining(", ", "[", "]"));
        }
        return scalar(value);
    }

    private static String scalar(Object value) {
        if (value instanceof String s) {
            boolean plain = PLAIN.matcher(s).matches() && !YAML11_WORDS.matcher(s).matches();
            return plain ? s : quote(s);
        }
        return ValueType.literal(value);
    }

    private static String quote(String s) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
